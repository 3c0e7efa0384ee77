//! Platform staff: the people who run PesPro, above every firm. They live in
//! the `platform` schema, never in a firm's, sign in only on the admin host
//! with a password *and* a TOTP code, and may act as a firm's person for
//! support through a reasoned, single-use, short-lived impersonation grant.
//! Everything they do is written to the platform's audit trail.

mod accounts;
mod audit;
mod grants;
pub mod health;
mod new_firm;
mod roles;
pub mod search;
mod team;
pub mod totp;
pub mod trail;

pub use accounts::{
    CreateStaffError, StaffMember, check_code, check_password, create_staff, enrol_totp, find_staff, is_staff_email,
    reset_totp,
};
pub use audit::{PlatformEntry, StaffAction, record_platform};
pub use grants::{
    GRANT_SECONDS, GrantScope, MAX_REASON_CHARS, ReasonError, Redeemed, check_reason, issue_grant, redeem_grant,
};
pub use new_firm::{NewFirm, TypedAdmin, TypedFirm, parse_admin, parse_new_firm};
pub use roles::{StaffPermission, StaffRole};
pub use team::{StaffChangeError, list_staff, remove_staff, reset_staff_totp, set_staff_role};
