use crate::money::Currency;
use crate::reports::realization::{BilledItem, PersonItem, Worth, WriteDown, realization};

fn eur() -> Currency {
    Currency::parse("EUR").unwrap()
}

fn billed(client: &str, engagement: &str, worked: i64, billed: i64) -> BilledItem {
    BilledItem {
        client: client.into(),
        engagement: engagement.into(),
        currency: eur(),
        worth: Worth { worked, billed },
    }
}

#[test]
fn ten_thousand_worked_billed_at_nine_thousand_is_ninety_percent() {
    assert_eq!(Worth { worked: 10_000, billed: 9_000 }.percent(), Some(90));
    // 2 ÷ 3 is 66.7 %: shown 67 %.
    assert_eq!(Worth { worked: 300, billed: 200 }.percent(), Some(67));
    assert_eq!(Worth { worked: 0, billed: -500 }.percent(), None);
}

#[test]
fn a_credit_note_lowers_what_was_billed_and_not_what_was_worked() {
    // An invoice of 1,000.00 for work worth 1,000.00, then a credit note of
    // 200.00 on the same engagement (worth nothing itself): 80 %.
    let reports = realization(&[billed("Acme", "A-1", 100_000, 100_000), billed("Acme", "A-1", 0, -20_000)], &[], &[]);
    assert_eq!(reports[0].engagements, vec![("Acme".into(), "A-1".into(), Worth { worked: 100_000, billed: 80_000 })]);
    assert_eq!(reports[0].total.percent(), Some(80));
}

#[test]
fn clients_add_up_their_engagements_and_the_total_adds_up_the_clients() {
    let reports = realization(
        &[
            billed("beta", "B-1", 50_000, 50_000),
            billed("Alpha", "A-2", 30_000, 15_000),
            billed("Alpha", "A-1", 20_000, 20_000),
        ],
        &[],
        &[],
    );
    let clients: Vec<_> = reports[0].clients.iter().map(|(c, w)| (c.as_str(), w.percent())).collect();
    assert_eq!(clients, [("Alpha", Some(70)), ("beta", Some(100))]);
    assert_eq!(reports[0].total, Worth { worked: 100_000, billed: 85_000 });
    let engagements: Vec<_> = reports[0].engagements.iter().map(|(_, e, _)| e.as_str()).collect();
    assert_eq!(engagements, ["A-1", "A-2", "B-1"]);
}

#[test]
fn people_and_write_downs_go_to_their_currency_s_report() {
    let usd = Currency::parse("USD").unwrap();
    let person = PersonItem { person: "Ada".into(), currency: usd, worth: Worth { worked: 100, billed: 50 } };
    let down = WriteDown {
        number: "2026-0001".into(),
        client: "Acme".into(),
        line: "Audit".into(),
        currency: eur(),
        worth: Worth { worked: 1_000, billed: 800 },
        reason: "Goodwill".into(),
    };
    let reports = realization(&[billed("Acme", "A-1", 1_000, 800)], &[person], std::slice::from_ref(&down));
    let currencies: Vec<_> = reports.iter().map(|r| r.currency.as_str().to_owned()).collect();
    assert_eq!(currencies, ["EUR", "USD"]);
    assert_eq!(reports[0].write_downs, vec![down]);
    assert_eq!(reports[1].people, vec![("Ada".to_owned(), Worth { worked: 100, billed: 50 })]);
    assert_eq!(reports[1].total, Worth::default(), "no engagement was billed in dollars");
}
