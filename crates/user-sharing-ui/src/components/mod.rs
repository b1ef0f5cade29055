//! One component per file. Only `app` and `owner_view` know the actions;
//! every other component takes the data it shows and `Callback`s.

pub mod app;
pub mod confirm_bar;
pub mod error_notice;
pub mod generate_row;
pub mod link_summary;
pub mod links_panel;
pub mod new_link;
pub mod owner_view;
pub mod pager;
pub mod share_table;
pub mod shares_panel;
pub mod status_line;
pub mod warnings;
