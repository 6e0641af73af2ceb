//! Locales: how numbers and dates read in each supported language and region — decimal and
//! group separators, the currency symbol, month and day names, AM/PM.
//!
//! The tables are d3's own (d3-format `locale/*.json` and d3-time-format `locale/*.json`), so a
//! chart reads the same as a d3 chart made with the same locale. One `Locale` per name; they
//! are static and chosen once, at validation.

/// Number and date conventions of one locale.
#[derive(Debug, PartialEq, Eq)]
pub struct Locale {
    /// The name a spec writes (`de-DE`).
    pub name: &'static str,
    pub decimal: &'static str,
    /// Between groups of three digits (with `,` in a number format).
    pub thousands: &'static str,
    /// Before and after an amount (with `$` in a number format).
    pub currency: (&'static str, &'static str),
    /// The percent sign, with the space some languages put before it.
    pub percent: &'static str,
    /// `%p`: before and after noon.
    pub periods: [&'static str; 2],
    /// Day and short month in this language's order, for time-axis labels without a format
    /// (`%b %-d` is `Mar 5`; `%-d. %b` is `5. Mrz`).
    pub day_month: &'static str,
    /// `%A` and `%a`, Sunday first.
    pub days: [&'static str; 7],
    pub short_days: [&'static str; 7],
    /// `%B` and `%b`, January first.
    pub months: [&'static str; 12],
    pub short_months: [&'static str; 12],
}

/// The minus sign of every locale: U+2212, as d3 writes it and as typeset.
pub const MINUS: &str = "\u{2212}";

/// The locale of a spec that names none.
pub const DEFAULT: &Locale = &LOCALES[0];

/// Names and days shared by the two English locales.
const EN_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const EN_SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const EN_SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Every supported locale; the first is the default.
pub static LOCALES: [Locale; 11] = [
    Locale {
        name: "en-US",
        decimal: ".",
        thousands: ",",
        currency: ("$", ""),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%b %-d",
        days: EN_DAYS,
        short_days: EN_SHORT_DAYS,
        months: EN_MONTHS,
        short_months: EN_SHORT_MONTHS,
    },
    Locale {
        name: "en-GB",
        decimal: ".",
        thousands: ",",
        currency: ("£", ""),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: EN_DAYS,
        short_days: EN_SHORT_DAYS,
        months: EN_MONTHS,
        short_months: EN_SHORT_MONTHS,
    },
    Locale {
        name: "de-DE",
        decimal: ",",
        thousands: ".",
        currency: ("", "\u{a0}€"),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d. %b",
        days: [
            "Sonntag",
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
        ],
        short_days: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        months: [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        short_months: [
            "Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
        ],
    },
    Locale {
        name: "fr-FR",
        decimal: ",",
        thousands: "\u{a0}",
        currency: ("", "\u{a0}€"),
        percent: "\u{202f}%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        ],
        short_days: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        months: [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        short_months: [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ],
    },
    Locale {
        name: "es-ES",
        decimal: ",",
        thousands: ".",
        currency: ("", "\u{a0}€"),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "domingo",
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
        ],
        short_days: ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        months: [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        short_months: [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
        ],
    },
    Locale {
        name: "it-IT",
        decimal: ",",
        thousands: ".",
        currency: ("€", ""),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "Domenica",
            "Lunedì",
            "Martedì",
            "Mercoledì",
            "Giovedì",
            "Venerdì",
            "Sabato",
        ],
        short_days: ["Dom", "Lun", "Mar", "Mer", "Gio", "Ven", "Sab"],
        months: [
            "Gennaio",
            "Febbraio",
            "Marzo",
            "Aprile",
            "Maggio",
            "Giugno",
            "Luglio",
            "Agosto",
            "Settembre",
            "Ottobre",
            "Novembre",
            "Dicembre",
        ],
        short_months: [
            "Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic",
        ],
    },
    Locale {
        name: "pt-BR",
        decimal: ",",
        thousands: ".",
        currency: ("R$", ""),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "Domingo", "Segunda", "Terça", "Quarta", "Quinta", "Sexta", "Sábado",
        ],
        short_days: ["Dom", "Seg", "Ter", "Qua", "Qui", "Sex", "Sáb"],
        months: [
            "Janeiro",
            "Fevereiro",
            "Março",
            "Abril",
            "Maio",
            "Junho",
            "Julho",
            "Agosto",
            "Setembro",
            "Outubro",
            "Novembro",
            "Dezembro",
        ],
        short_months: [
            "Jan", "Fev", "Mar", "Abr", "Mai", "Jun", "Jul", "Ago", "Set", "Out", "Nov", "Dez",
        ],
    },
    Locale {
        name: "nl-NL",
        decimal: ",",
        thousands: ".",
        currency: ("€\u{a0}", ""),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "zondag",
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
        ],
        short_days: ["zo", "ma", "di", "wo", "do", "vr", "za"],
        months: [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        short_months: [
            "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ],
    },
    Locale {
        name: "sv-SE",
        decimal: ",",
        thousands: "\u{a0}",
        currency: ("", " kr"),
        percent: "%",
        periods: ["fm", "em"],
        day_month: "%-d %b",
        days: [
            "Söndag", "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag",
        ],
        short_days: ["Sön", "Mån", "Tis", "Ons", "Tor", "Fre", "Lör"],
        months: [
            "Januari",
            "Februari",
            "Mars",
            "April",
            "Maj",
            "Juni",
            "Juli",
            "Augusti",
            "September",
            "Oktober",
            "November",
            "December",
        ],
        short_months: [
            "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec",
        ],
    },
    Locale {
        name: "pl-PL",
        decimal: ",",
        thousands: ".",
        currency: ("", "zł"),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "Niedziela",
            "Poniedziałek",
            "Wtorek",
            "Środa",
            "Czwartek",
            "Piątek",
            "Sobota",
        ],
        short_days: ["Niedz.", "Pon.", "Wt.", "Śr.", "Czw.", "Pt.", "Sob."],
        months: [
            "Styczeń",
            "Luty",
            "Marzec",
            "Kwiecień",
            "Maj",
            "Czerwiec",
            "Lipiec",
            "Sierpień",
            "Wrzesień",
            "Październik",
            "Listopad",
            "Grudzień",
        ],
        short_months: [
            "Stycz.", "Luty", "Marz.", "Kwie.", "Maj", "Czerw.", "Lipc.", "Sierp.", "Wrz.",
            "Paźdz.", "Listop.", "Grudz.",
        ],
    },
    Locale {
        name: "ru-RU",
        decimal: ",",
        thousands: "\u{a0}",
        currency: ("", "\u{a0}₽"),
        percent: "%",
        periods: ["AM", "PM"],
        day_month: "%-d %b",
        days: [
            "воскресенье",
            "понедельник",
            "вторник",
            "среда",
            "четверг",
            "пятница",
            "суббота",
        ],
        short_days: ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
        months: [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        short_months: [
            "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
        ],
    },
];

impl Locale {
    /// The locale called `name` (`de-DE`; case and `_` for `-` do not matter).
    pub fn named(name: &str) -> Option<&'static Locale> {
        let wanted = name.replace('_', "-");
        LOCALES
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(&wanted))
    }

    /// The supported names, for an error message.
    pub fn names() -> String {
        let names: Vec<&str> = LOCALES.iter().map(|l| l.name).collect();
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_loosely_but_only_to_known_locales() {
        assert_eq!(Locale::named("de-DE").unwrap().decimal, ",");
        assert_eq!(Locale::named("de_de").unwrap().name, "de-DE");
        assert_eq!(Locale::named("en-us"), Some(DEFAULT));
        assert_eq!(Locale::named("de"), None);
        assert_eq!(Locale::named("xx-XX"), None);
        assert!(Locale::names().starts_with("en-US, en-GB, de-DE"));
    }

    #[test]
    fn every_locale_is_complete_and_named_once() {
        for (i, l) in LOCALES.iter().enumerate() {
            assert!(LOCALES[..i].iter().all(|o| o.name != l.name), "{}", l.name);
            let texts = l.days.iter().chain(&l.short_days).chain(&l.months);
            for t in texts.chain(&l.short_months).chain(&l.periods) {
                assert!(!t.is_empty(), "{}", l.name);
            }
            assert!(!l.decimal.is_empty() && !l.thousands.is_empty());
            assert!(!(l.currency.0.is_empty() && l.currency.1.is_empty()));
        }
    }

    #[test]
    fn separators_are_d3s() {
        let fr = Locale::named("fr-FR").unwrap();
        assert_eq!((fr.decimal, fr.thousands), (",", "\u{a0}"));
        assert_eq!(fr.percent, "\u{202f}%");
        assert_eq!(Locale::named("ru-RU").unwrap().currency.1, "\u{a0}₽");
        assert_eq!(Locale::named("nl-NL").unwrap().currency.0, "€\u{a0}");
        assert_eq!(Locale::named("sv-SE").unwrap().periods, ["fm", "em"]);
    }
}
