-- Failed sign-in counts, per account (firm + email) and per network address,
-- in fixed windows (see pespro::throttle). Platform-level because an address
-- may attack many firms; keys are opaque text like 'account:7:ada@x.example'.
create table platform.sign_in_throttle (
    throttle_key text primary key,
    failures integer not null,
    window_started_at timestamptz not null
);
