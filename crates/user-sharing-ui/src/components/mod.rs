//! One component per file.

pub mod app;
pub mod confirm_bar;
pub mod error_notice;
pub mod links_panel;
pub mod owner_view;
pub mod share_table;
pub mod shares_panel;
pub mod status_line;
pub mod warnings;
