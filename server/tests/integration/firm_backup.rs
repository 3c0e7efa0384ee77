//! One firm on its own, through the real `pespro` binary and PostgreSQL's
//! own tools: a demo firm backed up and restored under a new short name
//! works and matches (the restore checks every table's count), the other
//! firms are untouched, a restore onto an existing name keeps nothing, and
//! a firm is deleted only once suspended past its retention period.

use crate::binary::Env;
use pespro::demo::DEMO_PASSWORD;
use std::process::Command;

fn run(command: &mut Command) -> (bool, String) {
    let output = command.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// The manifest line of a backup file: its row counts, as JSON text.
fn row_counts(file: &std::path::Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(text.lines().next().unwrap().split_once(": ").unwrap().1).unwrap();
    manifest["row_counts"].to_string()
}

#[test]
fn a_firm_restored_under_a_new_name_works_matches_and_leaves_the_others_alone() {
    let env = Env::new("backup");
    assert!(run(&mut env.command(&["seed-demo"])).0);
    let dir = env.data_dir.clone();
    let (ledgerline, northstar_before, northstar_after) =
        (dir.join("ledgerline.backup"), dir.join("northstar-1.backup"), dir.join("northstar-2.backup"));
    let file = |p: &std::path::Path| p.to_str().unwrap().to_owned();

    let (ok, said) = run(&mut env.command(&["tenant", "backup", "ledgerline", &file(&ledgerline)]));
    assert!(ok, "{said}");
    assert!(run(&mut env.command(&["tenant", "backup", "northstar", &file(&northstar_before)])).0);
    let (ok, said) = run(&mut env.command(&["tenant", "restore", &file(&ledgerline), "--as", "ledgerline-copy"]));
    assert!(ok, "{said}");
    let (onto_existing, refusal) = run(&mut env.command(&["tenant", "restore", &file(&ledgerline)]));
    assert!(run(&mut env.command(&["tenant", "backup", "northstar", &file(&northstar_after)])).0);

    assert!(said.contains("Restored ledgerline as ledgerline-copy"), "{said}");
    assert!(!onto_existing && refusal.contains("already exists"), "{refusal}");
    assert_eq!(row_counts(&northstar_before), row_counts(&northstar_after), "another firm was touched");
    let copy = dir.join("ledgerline-copy.backup");
    assert!(run(&mut env.command(&["tenant", "backup", "ledgerline-copy", &file(&copy)])).0);
    assert_eq!(row_counts(&ledgerline), row_counts(&copy), "the copy holds what the original held");
    let (_, listed) = run(&mut env.command(&["tenant", "list"]));
    assert_eq!(listed.matches("ledgerline").count(), 2, "the original and the copy, no half-made firm: {listed}");

    // The copy works: its admin signs in with the original's password and
    // sees the original's clients.
    let mut server = env.command(&["serve"]).stdout(std::process::Stdio::null()).spawn().unwrap();
    env.wait_for("ledgerline-copy.localhost", "/readyz", 200);
    let body = format!("email=admin%40ledgerline.example&password={}", DEMO_PASSWORD.replace(' ', "+"));
    let signed_in = env.post_form("ledgerline-copy.localhost", "/api/sign_in", &body).unwrap_or_default();
    let _ = server.kill();
    let _ = server.wait();
    let lower = signed_in.to_lowercase();
    assert!(lower.contains("location: /\r\n") && lower.contains("set-cookie: pespro_session"), "{signed_in}");
}

#[test]
fn a_firm_is_deleted_only_once_suspended_past_its_retention_with_a_final_backup() {
    let env = Env::new("delete");
    assert!(run(&mut env.command(&["tenant", "create", "--slug", "omega", "--name", "Omega LLP"])).0);
    let final_backup = env.data_dir.join("omega-final.backup");
    let path = final_backup.to_str().unwrap();

    let (active, active_said) = run(&mut env.command(&["tenant", "delete", "omega", "--final-backup", path]));
    assert!(run(&mut env.command(&["tenant", "suspend", "omega"])).0);
    let (recent, recent_said) = run(&mut env.command(&["tenant", "delete", "omega", "--final-backup", path]));
    let (gone, gone_said) =
        run(&mut env.command(&["tenant", "delete", "omega", "--final-backup", path, "--retention-days", "0"]));
    let (_, listed) = run(&mut env.command(&["tenant", "list"]));
    let (back, back_said) = run(&mut env.command(&["tenant", "restore", path]));

    assert!(!active && active_said.contains("not suspended"), "{active_said}");
    assert!(!recent && recent_said.contains("retention period is 30 days"), "{recent_said}");
    assert!(gone, "{gone_said}");
    assert!(!listed.contains("omega"), "{listed}");
    assert!(back, "the final backup restores: {back_said}");
}
