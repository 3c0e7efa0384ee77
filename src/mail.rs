//! Outgoing email. With an SMTP server configured (`smtp://host:port`),
//! messages go there; without one (the `make run` default), each message is
//! written to an outbox folder as an `.eml` file. In development its links
//! are logged too, so a person working locally can follow an emailed link;
//! in production (`LEPTOS_ENV=prod`) they never are: they sign someone in,
//! and logs travel further than mail.

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Outbox { dir: PathBuf, from: Mailbox, log_links: bool },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
            Self::Outbox { dir, from, .. } => write!(f, "Mailer::Outbox({}, from {from})", dir.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail settings are not usable: {0}")]
    Config(String),
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the message could not be sent: {0}")]
    Send(String),
}

/// A plain-text message to one person.
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: String,
}

/// A file sent along with a message (an invoice's PDF, a receipt).
pub struct Attachment {
    pub filename: String,
    /// A MIME type such as `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Mailer {
    /// `smtp_url` like `smtp://127.0.0.1:2525`; `None` writes to `outbox`.
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf, from: &str) -> Result<Self, MailError> {
        let from: Mailbox = from.parse().map_err(|e| MailError::Config(format!("sender address: {e}")))?;
        match smtp_url {
            Some(url) if url.starts_with("smtp://") => {
                let address = url.trim_start_matches("smtp://").trim_end_matches('/');
                let (host, port) = match address.rsplit_once(':') {
                    Some((host, port)) => {
                        (host, port.parse().map_err(|_| MailError::Config(format!("bad port in {url:?}")))?)
                    }
                    None => (address, 25),
                };
                // Plain SMTP, for a relay on the same machine or network.
                let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build();
                Ok(Self::Smtp { transport, from })
            }
            Some(other) => Err(MailError::Config(format!("only smtp:// URLs are supported, not {other:?}"))),
            None => Ok(Self::Outbox { dir: outbox, from, log_links: false }),
        }
    }

    /// Whether messages reach their recipient (an SMTP server is set up),
    /// rather than the outbox folder: people are told when mail they
    /// asked for was not sent.
    pub fn delivers(&self) -> bool {
        matches!(self, Self::Smtp { .. })
    }

    /// Logs the links of messages written to the outbox (development only:
    /// off unless asked for).
    pub fn logging_links(self, log: bool) -> Self {
        match self {
            Self::Outbox { dir, from, .. } => Self::Outbox { dir, from, log_links: log },
            smtp => smtp,
        }
    }

    pub async fn send(&self, outgoing: Outgoing<'_>) -> Result<(), MailError> {
        self.send_with(outgoing, &[]).await
    }

    /// Sends a message with files attached (a plain-text part, then each file).
    pub async fn send_with(&self, outgoing: Outgoing<'_>, attachments: &[Attachment]) -> Result<(), MailError> {
        let from = match self {
            Self::Smtp { from, .. } | Self::Outbox { from, .. } => from.clone(),
        };
        let to: Mailbox = outgoing.to.parse().map_err(|e| MailError::Build(format!("recipient: {e}")))?;
        let builder = Message::builder().from(from).to(to).subject(outgoing.subject);
        let message = if attachments.is_empty() {
            builder.header(ContentType::TEXT_PLAIN).body(outgoing.body.clone())
        } else {
            let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(outgoing.body.clone()));
            for file in attachments {
                let kind = ContentType::parse(&file.content_type).map_err(|e| MailError::Build(e.to_string()))?;
                parts = parts
                    .singlepart(lettre::message::Attachment::new(file.filename.clone()).body(file.bytes.clone(), kind));
            }
            builder.multipart(parts)
        }
        .map_err(|e| MailError::Build(e.to_string()))?;
        match self {
            Self::Smtp { transport, .. } => {
                transport.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string()))
            }
            Self::Outbox { dir, log_links, .. } => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| MailError::Send(e.to_string()))?;
                let name =
                    format!("{}-{}.eml", time::OffsetDateTime::now_utc().unix_timestamp_nanos(), std::process::id());
                let path = dir.join(name);
                tokio::fs::write(&path, message.formatted()).await.map_err(|e| MailError::Send(e.to_string()))?;
                let links = links_to_log(&outgoing.body, *log_links);
                tracing::info!(file = %path.display(), ?links, "no SMTP server configured; message written to the outbox");
                Ok(())
            }
        }
    }
}

/// The links of a message that may be logged: none unless `log_links`.
fn links_to_log(body: &str, log_links: bool) -> Vec<&str> {
    match log_links {
        true => body.split_whitespace().filter(|w| w.starts_with("http")).collect(),
        false => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Open this link:\n\nhttp://alpha.localhost:3000/reset-password?token=abc\n\nThanks.";

    #[test]
    fn in_development_an_outbox_message_logs_its_links() {
        assert_eq!(links_to_log(BODY, true), ["http://alpha.localhost:3000/reset-password?token=abc"]);
    }

    #[test]
    fn in_production_no_link_is_ever_logged() {
        assert!(links_to_log(BODY, false).is_empty());
    }
}
