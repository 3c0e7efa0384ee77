-- Invitations as a state of their own (#19): an invited person is in the
-- firm's list from the start, but has not joined until they first have a
-- way in. `joined_at` is when that happened — a password chosen (through
-- the invitation, a reset, or at creation) or a first single sign-on — and
-- stays null while an invitation is pending, which the people page shows as
-- "invited" with resend and revoke instead of "active" and deactivate.
alter table users add column joined_at timestamptz;

-- Everyone already here who has a way in, or was never invited, has
-- joined (as of their creation). Only someone with an invitation link
-- still unused and no way in yet is pending.
update users set joined_at = created_at
where password_hash is not null
   or sso_subject is not null
   or not exists (
       select 1 from account_tokens t
       where t.user_id = users.user_id and t.purpose = 'invitation' and t.used_at is null
   );
