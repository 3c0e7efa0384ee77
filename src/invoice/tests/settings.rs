use crate::invoice::settings::{InvoiceSettings, SettingsForm};

#[test]
fn the_settings_page_shows_what_was_saved_and_saving_it_unchanged_keeps_it() {
    let saved = InvoiceSettings { show_people: false, show_rates: false, ..InvoiceSettings::default() };
    assert_eq!(SettingsForm::from_settings(&saved).check(), Ok(saved));
}

#[test]
fn an_unticked_box_turns_its_option_off() {
    let mut form = SettingsForm::from_settings(&InvoiceSettings::default());
    form.show_people = None;
    let checked = form.check().unwrap();
    assert!(!checked.show_people);
    assert!(checked.show_hours && checked.show_rates, "the other boxes stay as they were");
}

#[test]
fn settings_saved_before_per_person_detail_existed_keep_naming_people() {
    let stored = r#"{"number_pattern":"{YYYY}-{seq:4}","show_hours":false}"#;
    let settings: InvoiceSettings = serde_json::from_str(stored).unwrap();
    assert!(settings.show_people);
    assert!(!settings.show_hours);
}

#[test]
fn a_firm_needs_a_credit_note_format_of_its_own() {
    let mut form = SettingsForm::from_settings(&InvoiceSettings::default());
    form.credit_pattern = form.number_pattern.clone();
    let problems = form.check().unwrap_err();
    assert!(problems.iter().any(|(field, _)| *field == "credit_pattern"), "{problems:?}");
}
