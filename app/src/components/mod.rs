//! Pieces of UI shared by pages.

pub mod layout;
pub mod logo;
