//! Every address no route serves: a 404, as JSON on the API's side and as a page elsewhere.

use crate::web::error::AppError;

pub async fn not_found() -> AppError {
    AppError::not_found("error-no-page")
}
