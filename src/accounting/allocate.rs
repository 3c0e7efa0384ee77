//! A document's tax spread over its taxable lines. PesPro computes each
//! rate once on the sum of the taxable lines (`crate::invoice::tax`);
//! importers that want a tax figure per line (Xero's TaxAmount, a journal's
//! tax column) get the document's tax split in proportion to the lines'
//! amounts, by largest remainder, so the parts always add up to the
//! document's tax to the cent — never one cent of rounding drift.

/// `tax` shared over `amounts` (the taxable lines' amounts, any sign) in
/// proportion to them; the parts sum to `tax` exactly.
pub fn spread(tax: i64, amounts: &[i64]) -> Vec<i64> {
    let base: i128 = amounts.iter().map(|a| i128::from(*a)).sum();
    if amounts.is_empty() {
        return Vec::new();
    }
    if base == 0 {
        // Tax on a zero base is zero; anything else lands on the first line
        // rather than vanishing.
        let mut parts = vec![0; amounts.len()];
        parts[0] = tax;
        return parts;
    }
    // With a positive divisor, floor division leaves remainders in
    // [0, base): the floors never exceed the tax, and fall short of it by
    // fewer units than there are lines.
    let (sign, base) = (base.signum(), base.abs());
    let exact: Vec<(i128, i128)> = amounts
        .iter()
        .map(|a| {
            let numerator = i128::from(tax) * i128::from(*a) * sign;
            (numerator.div_euclid(base), numerator.rem_euclid(base))
        })
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(q, _)| i64::try_from(*q).unwrap_or(0)).collect();
    let short = tax - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    // Largest remainder first; ties go to the earlier line.
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for index in order.into_iter().take(usize::try_from(short).unwrap_or(0)) {
        parts[index] += 1;
    }
    parts
}
