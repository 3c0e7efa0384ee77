//! Signing in to a firm: password hashing and the firm's users. People live
//! in their firm's schema, so every function here takes a [`TenantTx`]:
//! an email is only ever looked up inside the firm whose host was used.
//!
//! [`TenantTx`]: crate::db::TenantTx

mod password;
mod throttle;
mod tokens;
mod users;

pub(crate) use password::decoy_hash;
pub use password::{hash_password, verify_password};
pub use throttle::{AttemptKeys, clear_account, record_failure, wait_before_attempt};
pub use tokens::{
    INVITATION_DAYS, RESET_LINK_MINUTES, RedeemError, issue_invitation, issue_password_reset, redeem_password_link,
};
pub(crate) use users::blocking;
pub use users::{
    Authenticated, ChangePasswordError, CreateUserError, NewUser, SignInError, change_password, check_seat_available,
    create_user, deactivate_user, find_active_user, list_people, set_role, sign_in,
};
