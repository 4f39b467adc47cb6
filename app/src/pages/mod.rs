pub mod articles;
pub mod home;
pub mod not_found;
