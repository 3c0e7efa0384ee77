//! The one error type every server function returns.
//!
//! It crosses to the browser, so each variant carries only what a person may
//! read. `Internal` carries nothing at all: the cause is logged once, on the
//! server, inside the request's span (which names the tenant), and the person
//! sees a plain apology.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("That item doesn't exist, or isn't yours to see.")]
    NotFound,
    /// Not signed in (or the session ended): sign in and try again.
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You don't have permission to do that.")]
    Forbidden,
    /// Bad input, attached to the form field it concerns.
    #[error("{message}")]
    Validation { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PlanLimit(String),
    /// Too many attempts: the message says when to try again.
    #[error("{0}")]
    Throttled(String),
    /// The server is up but cannot serve this now (the database is away,
    /// or every password check is busy): nothing was done, try again.
    #[error("PesPro is busy or briefly unavailable. Nothing was saved; please try again in a moment.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The browser could not reach the server at all.
    #[error("We couldn't reach PesPro. Check your connection and try again.")]
    Unreachable,
}

impl AppError {
    pub fn validation(field: &str, message: impl ToString) -> Self {
        Self::Validation { field: field.to_owned(), message: message.to_string() }
    }

    /// The message for `field`, if this error is about it.
    pub fn for_field(&self, field: &str) -> Option<String> {
        match self {
            Self::Validation { field: f, message } if f == field => Some(message.clone()),
            _ => None,
        }
    }

    /// Whether this is about one field (and shown beside it).
    pub fn is_validation(&self) -> bool {
        matches!(self, Self::Validation { .. })
    }

    /// Logs the cause with the request's span (tenant included) and returns
    /// the detail-free `Internal`.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => Self::Unreachable,
            // Missing or malformed form fields: a stale page or a hand-made request.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::Validation {
                field: String::new(),
                message: "This form was incomplete. Reload the page and try again.".into(),
            },
            ServerFnErrorErr::Registration(_) => Self::NotFound,
            #[cfg(feature = "ssr")]
            other => Self::internal(other),
            #[cfg(not(feature = "ssr"))]
            _ => Self::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// The database being away (no connection to be had, or one that
    /// broke) is `Unavailable`, logged as a warning: the person may simply
    /// try again. Anything else is a fault of ours.
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
                tracing::warn!(%error, "database unavailable");
                Self::Unavailable
            }
            error if is_connection_gone(&error) => {
                tracing::warn!(%error, "database unavailable");
                Self::Unavailable
            }
            error => Self::internal(error),
        }
    }
}

/// PostgreSQL's own words for "shutting down" and "not accepting
/// connections yet" (SQLSTATE classes 57P and 08).
#[cfg(feature = "ssr")]
fn is_connection_gone(error: &sqlx::Error) -> bool {
    let code = error.as_database_error().and_then(|e| e.code());
    code.is_some_and(|c| c.starts_with("57P") || c.starts_with("08"))
}

impl AppError {
    /// The HTTP status that fits: monitoring, proxies and API clients can
    /// tell a person's typo (4xx) from an outage (503) or a fault (500).
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Validation { field, .. } if field.is_empty() => 400,
            Self::Validation { .. } => 422,
            Self::Unauthenticated => 401,
            Self::Forbidden | Self::PlanLimit(_) => 403,
            Self::NotFound => 404,
            Self::Conflict(_) => 409,
            Self::Throttled(_) => 429,
            Self::Unavailable => 503,
            Self::Internal | Self::Unreachable => 500,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_serialises_without_any_detail() {
        let json = serde_json::to_string(&AppError::Internal).unwrap();
        assert_eq!(json, "\"Internal\"");
    }

    #[test]
    fn a_validation_error_names_its_field() {
        let error = AppError::validation("name", "enter the client's name");
        assert_eq!(error.for_field("name").as_deref(), Some("enter the client's name"));
        assert_eq!(error.for_field("email"), None);
    }

    #[test]
    fn a_mistyped_field_is_unprocessable_and_a_broken_form_is_a_bad_request() {
        assert_eq!(AppError::validation("name", "enter a name").status_code(), 422);
        assert_eq!(AppError::validation("", "this form was incomplete").status_code(), 400);
    }

    #[test]
    fn only_the_unexpected_is_a_server_error() {
        assert_eq!(AppError::Throttled("wait".into()).status_code(), 429);
        assert_eq!(AppError::Unavailable.status_code(), 503);
        assert_eq!(AppError::Conflict("taken".into()).status_code(), 409);
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn a_transport_failure_reads_as_unreachable() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Request("connection refused".into()));
        assert_eq!(error, AppError::Unreachable);
    }
}
