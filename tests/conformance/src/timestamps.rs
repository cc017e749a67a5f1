//! Timestamps between the cases' epoch seconds and Smithy's text formats, written here rather
//! than taken from the client's runtime so that the harness checks the client against an
//! independent reading: `date-time` (RFC 3339, UTC, `Z`) and `http-date` (IMF-fixdate).

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let of_cycle = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    era * 146_097 + of_cycle - 719_468
}

/// The date (year, month, day) `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let of_era = days - era * 146_097;
    let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
    let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * of_year + 2) / 153;
    let day = of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whole seconds and the fraction's digits (microseconds, trailing zeros dropped), as the
/// cases' floats carry at most milliseconds and an `f64` near 1e9 holds about 7 digits.
fn split(seconds: f64) -> (i64, String) {
    let micros = (seconds * 1e6).round() as i64;
    let whole = micros.div_euclid(1_000_000);
    let fraction = micros.rem_euclid(1_000_000);
    let digits = format!("{fraction:06}");
    (whole, digits.trim_end_matches('0').to_string())
}

/// `1398796238` as `2014-04-29T18:30:38Z` (`.123` before the `Z` with a fraction).
pub fn to_date_time(seconds: f64) -> String {
    let (whole, digits) = split(seconds);
    let (year, month, day) = civil_from_days(whole.div_euclid(86_400));
    let of_day = whole.rem_euclid(86_400);
    let fraction = if digits.is_empty() {
        String::new()
    } else {
        format!(".{digits}")
    };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{fraction}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// `1398796238` as `Tue, 29 Apr 2014 18:30:38 GMT` (the format has no fraction).
pub fn to_http_date(seconds: f64) -> String {
    let whole = seconds.floor() as i64;
    let days = whole.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let of_day = whole.rem_euclid(86_400);
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// Reads a number of at most 9 ASCII digits (so that no sum of them overflows).
fn number(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `hh:mm:ss` as seconds of the day.
fn time_of_day(text: &str) -> Option<i64> {
    let mut parts = text.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || [h, m, s].iter().any(|p| p.len() != 2) {
        return None;
    }
    Some(number(h)? * 3600 + number(m)? * 60 + number(s)?)
}

/// Epoch seconds of an RFC 3339 text with any offset and fraction
/// (`2019-12-16T22:48:18-01:00`, `2000-01-02T20:34:56.123Z`).
pub fn parse_date_time(text: &str) -> Option<f64> {
    let (date, rest) = text.split_once(['T', 't'])?;
    let mut date_parts = date.split('-');
    let year = number(date_parts.next()?)?;
    let month = number(date_parts.next()?)?;
    let day = number(date_parts.next()?)?;
    if date_parts.next().is_some() || date.len() != 10 {
        return None;
    }
    let (clock, offset) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = rest.rfind(['+', '-'])?;
        let sign = if rest[at..].starts_with('-') { -1 } else { 1 };
        let (h, m) = rest[at + 1..].split_once(':')?;
        (&rest[..at], sign * (number(h)? * 3600 + number(m)? * 60))
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, digits)) => {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (clock, format!("0.{digits}").parse::<f64>().ok()?)
        }
        None => (clock, 0.0),
    };
    let whole = days_from_civil(year, month, day) * 86_400 + time_of_day(clock)? - offset;
    Some(whole as f64 + fraction)
}

/// Epoch seconds of an IMF-fixdate text (`Mon, 16 Dec 2019 23:48:18 GMT`).
pub fn parse_http_date(text: &str) -> Option<f64> {
    let rest = text.strip_suffix(" GMT")?;
    let (weekday, rest) = rest.split_once(", ")?;
    let fields: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, clock] = fields.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let days = days_from_civil(number(year)?, month, number(day)?);
    if DAYS[days.rem_euclid(7) as usize] != weekday {
        return None;
    }
    Some((days * 86_400 + time_of_day(clock)?) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The cases' own pairs (README value conventions and restjson1 cases).
    #[test]
    fn writes_the_cases_texts() {
        assert_eq!(to_date_time(1576540098.0), "2019-12-16T23:48:18Z");
        assert_eq!(to_date_time(1398796238.0), "2014-04-29T18:30:38Z");
        assert_eq!(to_date_time(946845296.123), "2000-01-02T20:34:56.123Z");
        assert_eq!(to_http_date(1576540098.0), "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(to_http_date(1398796238.0), "Tue, 29 Apr 2014 18:30:38 GMT");
        assert_eq!(to_date_time(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(to_http_date(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn reads_offsets_and_fractions_as_the_instant() {
        assert_eq!(
            parse_date_time("2019-12-16T22:48:18-01:00"),
            Some(1576540098.0)
        );
        assert_eq!(
            parse_date_time("2019-12-17T00:48:18+01:00"),
            Some(1576540098.0)
        );
        let fractional = parse_date_time("2000-01-02T20:34:56.123Z").unwrap();
        assert!((fractional - 946845296.123).abs() < 1e-6);
        assert_eq!(
            parse_http_date("Tue, 29 Apr 2014 18:30:38 GMT"),
            Some(1398796238.0)
        );
        assert_eq!(parse_http_date("Mon, 29 Apr 2014 18:30:38 GMT"), None);
        assert_eq!(parse_date_time("2014-04-29 18:30:38Z"), None);
        assert_eq!(parse_date_time("1398796238"), None);
    }
}
