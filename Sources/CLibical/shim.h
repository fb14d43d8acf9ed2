#ifndef WARMPATH_CLIBICAL_SHIM_H
#define WARMPATH_CLIBICAL_SHIM_H
#include <libical/ical.h>

/// Errors are reported through return values and icalerrno, never by abort().
static inline void wp_ical_errors_not_fatal(void) { icalerror_set_errors_are_fatal(0); }

/// Whether a recurrence rule has any BY* part (the BY arrays are large C arrays that Swift would
/// import as tuples of hundreds of elements, so the rule is looked at here).
static inline int wp_ical_rule_has_by(const struct icalrecurrencetype *r) {
    return r->by_second[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX
        || r->by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX
        || r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX
        || r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX
        || r->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

/// The frequency of the RRULE property `prop` (ICAL_NO_RECURRENCE when it has none) and whether it
/// has BY* parts.
static inline int wp_ical_rrule_shape(icalproperty *prop, int *has_by) {
    struct icalrecurrencetype r = icalproperty_get_rrule(prop);
    *has_by = wp_ical_rule_has_by(&r);
    return (int)r.freq;
}

/// An iterator over the RRULE of `prop` from `dtstart`, its UNTIL set to `limit` when the rule
/// has none or a later one, so that libical never steps past the as-of date (COUNT is kept).
/// NULL when the rule is invalid.
static inline icalrecur_iterator *wp_ical_rrule_iterator(
    icalproperty *prop, struct icaltimetype dtstart, struct icaltimetype limit) {
    struct icalrecurrencetype r = icalproperty_get_rrule(prop);
    if (r.freq == ICAL_NO_RECURRENCE) return NULL;
    if (icaltime_is_null_time(r.until) || icaltime_compare(r.until, limit) > 0) r.until = limit;
    return icalrecur_iterator_new(r, dtstart);
}

#endif
