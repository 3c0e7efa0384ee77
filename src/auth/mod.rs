//! Signing in to a firm: password hashing and the firm's users. People live
//! in their firm's schema, so every function here takes a [`TenantTx`]:
//! an email is only ever looked up inside the firm whose host was used.
//!
//! [`TenantTx`]: crate::db::TenantTx

mod firm_sessions;
mod invitations;
mod password;
mod profile;
mod throttle;
mod tokens;
mod users;

pub use firm_sessions::end_sessions_of_firm;
pub use invitations::{Reissued, Revoked, record_inviter, reissue_invitation, revoke_invitation};
pub use password::{Busy, hash_password, verify_password};
pub(crate) use password::{blocking, blocking_or_busy, decoy_hash};
pub use profile::rename_self;
pub use throttle::{AttemptKeys, admit_attempt, attempt_succeeded};
pub use tokens::{
    INVITATION_DAYS, RESET_LINK_MINUTES, RedeemError, issue_invitation, issue_password_reset, redeem_password_link,
};
pub use users::{
    Authenticated, ChangePasswordError, CreateUserError, NewUser, SignInCandidate, SignInError, active_people,
    change_password, check_seat_available, create_user, deactivate_user, find_active_user, find_sign_in, list_people,
    set_role,
};
