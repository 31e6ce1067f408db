// Prices as the shop writes them, for bundle offers.

/** A price formatter for `currency` (ISO 4217, optional) in `locale` (default: the browser's). */
export function priceFormatter(currency, locale) {
  let format;
  try {
    format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format;
  } catch {
    format = (n) => n.toFixed(2); // an unknown currency code or locale
  }
  return (value) => (Number.isFinite(Number(value)) ? format(Number(value)) : '');
}
