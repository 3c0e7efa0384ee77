-- Sign-in throttling counts every attempt before its password is checked
-- (pespro::throttle), so the counter is renamed for what it now holds. Each
-- counter carries its own window length: one upsert counts an attempt
-- against counters of different windows (15 minutes per pair and address,
-- an hour per account) in a single atomic statement.
alter table platform.sign_in_throttle rename column failures to attempts;
alter table platform.sign_in_throttle add column window_seconds integer not null default 900;

-- Addresses each account has signed in from. Attempts from one of them meet
-- only their own (account, address) counter, so an attacker elsewhere — or
-- a crowd behind one shared proxy address — cannot lock the owner out.
-- account_key is the throttle's account key ('account:<firm>:<email>' or
-- 'staff:<email>'); address is the client's IP address as text.
create table platform.sign_in_known_addresses (
    account_key text not null,
    address text not null,
    last_signed_in_at timestamptz not null,
    primary key (account_key, address)
);
