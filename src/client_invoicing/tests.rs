use super::*;

fn ticked(ids: &[i64]) -> BTreeMap<String, String> {
    ids.iter().map(|id| (tax_rate_key(*id), "on".to_owned())).collect()
}

fn form() -> ClientInvoicingForm {
    ClientInvoicingForm {
        code: " acme-2 ".into(),
        tax_mode: "firm".into(),
        tax_rates: BTreeMap::new(),
        invoice_notes: "  Quote PO 4711.\n".into(),
    }
}

#[test]
fn a_code_is_upper_cased_as_typed() {
    assert_eq!(ClientCode::parse(" acme-2 ").unwrap().as_str(), "ACME-2");
    assert_eq!(ClientCode::parse("123456789ABC").unwrap().as_str(), "123456789ABC");
}

#[test]
fn a_blank_code_is_refused() {
    assert_eq!(ClientCode::parse("  "), Err(ClientCodeError::Empty));
}

#[test]
fn a_code_longer_than_twelve_characters_is_refused() {
    assert_eq!(ClientCode::parse("ABCDEFGHIJKLM"), Err(ClientCodeError::TooLong(12)));
}

#[test]
fn a_code_with_spaces_symbols_or_accented_letters_is_refused() {
    for raw in ["AC ME", "AC/ME", "AC_ME", "ÄCME", "ac.me"] {
        assert_eq!(ClientCode::parse(raw), Err(ClientCodeError::Character), "{raw}");
    }
}

#[test]
fn a_code_read_back_through_serde_is_checked_again() {
    assert!(serde_json::from_str::<ClientCode>("\"AC ME\"").is_err());
    assert_eq!(serde_json::from_str::<ClientCode>("\"acme\"").unwrap().as_str(), "ACME");
}

#[test]
fn the_firm_s_default_and_exempt_ignore_ticked_rates() {
    assert_eq!(parse_taxes("firm", &ticked(&[3])), Ok(ClientTaxes::Firm));
    assert_eq!(parse_taxes("exempt", &ticked(&[3])), Ok(ClientTaxes::Exempt));
}

#[test]
fn own_rates_are_read_from_their_keys_in_order_without_repeats() {
    let mut boxes = ticked(&[7, 3]);
    boxes.insert("t03".into(), "on".into());
    assert_eq!(parse_taxes("own", &boxes), Ok(ClientTaxes::Own(vec![3, 7])));
}

#[test]
fn own_rates_need_at_least_one_rate_ticked() {
    assert_eq!(parse_taxes("own", &BTreeMap::new()).unwrap_err().0, "tax_rates");
}

#[test]
fn a_rate_key_that_names_no_id_is_refused() {
    let boxes = BTreeMap::from([("t1x".to_owned(), "on".to_owned())]);
    assert_eq!(parse_taxes("own", &boxes).unwrap_err().0, "tax_rates");
}

#[test]
fn an_unknown_tax_mode_is_refused_at_its_field() {
    assert_eq!(parse_taxes("", &BTreeMap::new()).unwrap_err().0, "tax_mode");
    assert_eq!(parse_taxes("sometimes", &BTreeMap::new()).unwrap_err().0, "tax_mode");
}

#[test]
fn invoice_notes_are_trimmed_and_kept_to_a_thousand_characters() {
    assert_eq!(parse_invoice_notes("  Quote PO 4711.\nThanks  ").unwrap(), "Quote PO 4711.\nThanks");
    assert!(parse_invoice_notes(&"é".repeat(1000)).is_ok());
    let long = parse_invoice_notes(&"a".repeat(1001)).unwrap_err();
    assert_eq!(long.0, "invoice_notes");
    assert!(long.1.contains("1001"), "{}", long.1);
}

#[test]
fn the_whole_form_reads_into_typed_terms() {
    let terms = parse_client_invoicing(&form()).unwrap();
    assert_eq!(terms.code.as_str(), "ACME-2");
    assert_eq!(terms.taxes, ClientTaxes::Firm);
    assert_eq!(terms.invoice_notes, "Quote PO 4711.");
}

#[test]
fn the_first_bad_field_is_the_one_named() {
    let bad_code = ClientInvoicingForm { code: "A B".into(), tax_mode: String::new(), ..form() };
    assert_eq!(parse_client_invoicing(&bad_code).unwrap_err().0, "code");
    let own_without_rates = ClientInvoicingForm { tax_mode: "own".into(), ..form() };
    assert_eq!(parse_client_invoicing(&own_without_rates).unwrap_err().0, "tax_rates");
}

#[test]
fn the_page_names_the_rates_that_would_apply() {
    let rate = |tax_rate_id, label: &str, is_default| TaxRateView { tax_rate_id, label: label.into(), is_default };
    let mut view = ClientInvoicingView {
        form: ClientInvoicingForm { tax_rates: ticked(&[2]), ..form() },
        rates: vec![rate(1, "VAT 20 %", true), rate(2, "GST 5 %", false)],
    };
    assert_eq!(view.applying(), ["VAT 20 %"]);
    view.form.tax_mode = "own".into();
    assert_eq!(view.applying(), ["GST 5 %"]);
    view.form.tax_mode = "exempt".into();
    assert!(view.applying().is_empty());
}
