//! One component or view function per file. Only the two views
//! (`owner_view`, `invitee_view`) run actions; everything else takes the
//! data it shows and `Callback`s (the owner's sections one
//! `Callback<Intent>`).

pub mod app;
pub mod confirm_bar;
pub mod error_notice;
pub mod generate_row;
pub mod intent;
pub mod invitee_view;
pub mod link_summary;
pub mod link_table;
pub mod links_panel;
pub mod new_link;
pub mod owner_view;
pub mod pager;
pub mod parts;
pub mod share_form;
pub mod share_table;
pub mod shares_panel;
pub mod status_line;
pub mod warnings;
