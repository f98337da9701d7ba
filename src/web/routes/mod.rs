//! One handler file per page or endpoint, named like its view. Routes never import one
//! another (`openapi` alone names the handlers it documents); the table is in `web`.

pub mod about;
pub mod api;
pub mod assets;
pub mod changes;
pub mod compare;
pub mod country;
pub mod data;
pub mod evidence;
pub mod export;
pub mod feed;
pub mod grades;
pub mod insights;
pub mod not_found;
pub mod openapi;
pub mod practice;
pub mod proposals;
pub mod propose;
pub mod search;
