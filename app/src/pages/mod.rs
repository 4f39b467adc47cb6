pub mod articles;
pub mod not_found;
pub mod overview;
pub mod present;
