//! Pieces of UI shared by pages.

pub mod bar_list;
pub mod chart;
pub mod formats;
pub mod guard;
pub mod layout;
pub mod logo;
pub mod navigation;
pub mod row_editor;
pub mod saved_form;
pub mod scroll_region;
