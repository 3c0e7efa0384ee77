//! What a person changes about themselves, beyond their password (which is
//! `users::change_password`): the name the firm shows for them.

use crate::db::TenantTx;
use crate::person::PersonName;

/// Sets `user_id`'s own display name; returns the name it replaced.
pub async fn rename_self(tx: &mut TenantTx, user_id: i64, name: &PersonName) -> Result<Option<String>, sqlx::Error> {
    tx.wrote("users");
    sqlx::query_scalar(
        "update users u set display_name = $2 from users old
         where u.user_id = $1 and old.user_id = u.user_id and u.active
         returning old.display_name",
    )
    .bind(user_id)
    .bind(name.as_str())
    .fetch_optional(tx.conn())
    .await
}
