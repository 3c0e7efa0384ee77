//! The two steps of a staff sign-in: email and password, then the TOTP
//! code (with the key and its QR code the first time).

use super::{ConsoleDocument, alert};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// Step one. `email` is what was typed, kept after a refusal.
pub fn sign_in_html(email: &str, error: Option<&str>) -> String {
    let (email, error) = (email.to_owned(), error.map(str::to_owned));
    view! {
        <ConsoleDocument title="Staff sign-in".to_owned() signed_in=None>
            {alert(error)}
            <form method="post" action="/sign-in">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <p>
                    <button type="submit">"Continue"</button>
                </p>
            </form>
            <p>
                "Staff accounts are created with " <code>"pespro staff create"</code>
                ". After the password you will be asked for a code from your authenticator app."
            </p>
        </ConsoleDocument>
    }
    .to_html()
}

/// What step two shows: the code field only, or first the key to enrol.
pub enum TotpStep {
    Code,
    /// `qr_svg` is the QR code of the key's `otpauth://` address, drawn by
    /// the server (markup we made, not anything typed); `key` is base32.
    Enrol {
        qr_svg: String,
        key: String,
    },
}

pub fn totp_html(step: TotpStep, error: Option<&str>) -> String {
    let error = error.map(str::to_owned);
    let code_form = view! {
        <form method="post" action="/totp">
            <label for="code">"Six-digit code"</label>
            <input
                id="code"
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9 ]{6,7}"
                maxlength="7"
                required
                autofocus
            />
            <p>
                <button type="submit">"Verify"</button>
            </p>
        </form>
    };
    match step {
        TotpStep::Code => view! {
            <ConsoleDocument title="Enter your code".to_owned() signed_in=None>
                {alert(error)}
                <p>"Enter the code your authenticator app shows for PesPro."</p>
                {code_form}
            </ConsoleDocument>
        }
        .to_html(),
        TotpStep::Enrol { qr_svg, key } => view! {
            <ConsoleDocument title="Set up your authenticator".to_owned() signed_in=None>
                {alert(error)}
                <p>
                    "Staff accounts need a second factor. Scan this code with an authenticator app "
                    "(or type the key below), then enter the six-digit code it shows."
                </p>
                <figure aria-label="QR code for your authenticator app" inner_html=qr_svg></figure>
                <p>"Key: " <code data-testid="totp-secret">{key}</code></p>
                {code_form}
            </ConsoleDocument>
        }
        .to_html(),
    }
}
