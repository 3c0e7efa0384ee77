//! `POST /import/upload`: the file upload of time imports. A plain multipart
//! form post (it works before the page is hydrated, and server functions
//! don't take files), behind the same host, same-origin, session and person
//! middleware as every page. The file is kept as an import batch and the
//! browser is sent to its preview; nothing is imported yet.

use crate::plain_pages;
use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::multipart::MultipartError;
use axum::extract::{Extension, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::Permission;
use pespro::import::MAX_FILE_BYTES;

/// The request body may be a little larger than the file: the multipart
/// framing around it.
pub const BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;

pub async fn upload(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    multipart: Multipart,
) -> Response {
    let Some(Extension(SignedInUser(user))) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    if !user.may(Permission::ManageFirmSettings) {
        return plain_pages::refused(
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Only the firm's administrators can import time.",
        );
    }
    let (file_name, bytes) = match read_file(multipart).await {
        Ok(Some(file)) => file,
        Ok(None) => {
            return refused(
                StatusCode::BAD_REQUEST,
                "Choose a file to upload: a CSV export from Harvest or Toggl Track.",
            );
        }
        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
        Err(error) => {
            tracing::info!(%error, "an import upload could not be read");
            return refused(StatusCode::BAD_REQUEST, "The upload did not arrive complete. Please try again.");
        }
    };
    if bytes.len() > MAX_FILE_BYTES {
        return too_large();
    }
    let content = pespro::import::decode(&bytes);
    let stored = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let id = pespro::practice::import::store_batch(&mut tx, user.user_id, &file_name, &content).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    };
    match stored.await {
        Ok(id) => Redirect::to(&format!("/import/{id}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not store an import upload");
            plain_pages::unavailable()
        }
    }
}

/// The form's `file` field: its name and bytes, or none when no file was chosen.
async fn read_file(mut multipart: Multipart) -> Result<Option<(String, Vec<u8>)>, MultipartError> {
    while let Some(field) = multipart.next_field().await? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("upload.csv").to_owned();
        let bytes = field.bytes().await?;
        if bytes.is_empty() && name.is_empty() {
            return Ok(None);
        }
        return Ok(Some((if name.is_empty() { "upload.csv".to_owned() } else { name }, bytes.to_vec())));
    }
    Ok(None)
}

fn too_large() -> Response {
    refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        "The file is larger than 10 MiB. Export a shorter period (a year at a time, say) and upload each file.",
    )
}

fn refused(status: StatusCode, message: &str) -> Response {
    plain_pages::refused(status, "The file was not uploaded", message)
}
