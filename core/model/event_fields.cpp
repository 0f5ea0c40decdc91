#include "core/model/event_fields.hpp"

namespace gemba {
namespace {

using F = EventFieldId;

constexpr EventFieldSet operator|(F a, F b) { return field_bit(a) | field_bit(b); }
constexpr EventFieldSet operator|(EventFieldSet a, F b) { return a | field_bit(b); }

// Which fields an event of each kind has besides id, t_ms and kind, in EventKind order.
struct KindRow {
    EventKind kind;
    EventFieldSet required;
    EventFieldSet optional;
    int since_version = 1;
};
constexpr KindRow kKindRows[] = {
    {EventKind::step_start, field_bit(F::step), field_bit(F::new_cycle)},
    {EventKind::step_end, field_bit(F::step), 0},
    {EventKind::lap, F::ended_step | F::step, field_bit(F::new_cycle)},
    {EventKind::cycle, 0, 0},
    {EventKind::waste_tag, field_bit(F::waste), F::step | F::note},
    {EventKind::waste_start, field_bit(F::waste), F::step | F::note},
    {EventKind::waste_end, field_bit(F::target), 0},
    {EventKind::note, field_bit(F::text), field_bit(F::target)},
    {EventKind::pause, 0, 0},
    {EventKind::resume, 0, 0},
    {EventKind::exclude, F::target | F::reason, 0},
    {EventKind::include, field_bit(F::target), 0},
    {EventKind::set_start, F::target | F::start_ms, 0},
    {EventKind::set_end, F::target | F::end_ms, 0},
    {EventKind::split, F::target | F::at_ms, 0},
    {EventKind::insert_reading, F::step | F::cycle | F::start_ms | F::end_ms, 0},
    {EventKind::remove, field_bit(F::target), 0},
    {EventKind::restore, field_bit(F::target), 0},
    {EventKind::retag, F::target | F::waste, field_bit(F::step)},
    {EventKind::edit_note, F::target | F::text, 0},
    {EventKind::undo, field_bit(F::target), 0},
    {EventKind::redo, field_bit(F::target), 0},
    {EventKind::queue_count, F::queue | F::count, 0, 2},
    {EventKind::observation, F::round | F::subject | F::category, 0, 5},
    {EventKind::round_skip, F::round | F::text, 0, 5},
};

constexpr bool rows_in_kind_order() {
    for (std::size_t i = 0; i < std::size(kKindRows); ++i)
        if (static_cast<std::size_t>(kKindRows[i].kind) != i) return false;
    return std::size(kKindRows) == kEventKindCount;
}
static_assert(rows_in_kind_order(), "one row per EventKind, in its order");

constexpr const EventField& row_of(F id) {
    for (const EventField& f : kEventFields)
        if (f.id == id) return f;
    throw "no such field";
}

// Fields share places in Event: no kind may have two fields in one place.
constexpr bool same_place(const EventField& a, const EventField& b) {
    return a.type == EventFieldType::integer && b.type == EventFieldType::integer &&
           (a.integer ? a.integer == b.integer : a.small_integer == b.small_integer);
}
constexpr bool no_kind_shares_a_place() {
    for (const KindRow& row : kKindRows) {
        const EventFieldSet fields = row.required | row.optional | kFieldsOfEveryEvent;
        for (const EventField& a : kEventFields)
            for (const EventField& b : kEventFields)
                if (a.id != b.id && (fields & field_bit(a.id)) && (fields & field_bit(b.id)) && same_place(a, b))
                    return false;
    }
    return true;
}
static_assert(no_kind_shares_a_place(), "two fields of one kind in one place of Event");

// Event's accessors tell the fields of a shared place apart by kind: ended_step is the lap's, at_ms
// the split's (and start_ms and end_ms those of the other kinds).
constexpr bool only_kind_with(F field, EventKind kind) {
    for (const KindRow& row : kKindRows)
        if (((row.required | row.optional) & field_bit(field)) && row.kind != kind) return false;
    return true;
}
constexpr bool only_kinds_with(F field, EventKind a, EventKind b) {
    for (const KindRow& row : kKindRows)
        if (((row.required | row.optional) & field_bit(field)) && row.kind != a && row.kind != b) return false;
    return true;
}
static_assert(only_kind_with(F::ended_step, EventKind::lap) && only_kind_with(F::at_ms, EventKind::split) &&
                  only_kind_with(F::queue, EventKind::queue_count) && only_kind_with(F::count, EventKind::queue_count) &&
                  only_kind_with(F::subject, EventKind::observation) &&
                  only_kind_with(F::category, EventKind::observation) &&
                  only_kinds_with(F::round, EventKind::observation, EventKind::round_skip),
              "Event::ended_step(), at_ms(), queue(), count(), subject(), category() and round() must know every "
              "kind that has them");
static_assert(same_place(row_of(F::ended_step), row_of(F::end_ms)) && same_place(row_of(F::at_ms), row_of(F::start_ms)) &&
                  same_place(row_of(F::queue), row_of(F::end_ms)) && same_place(row_of(F::count), row_of(F::cycle)) &&
                  same_place(row_of(F::subject), row_of(F::end_ms)) &&
                  same_place(row_of(F::category), row_of(F::start_ms)) && same_place(row_of(F::round), row_of(F::cycle)),
              "Event's accessors read these pairs from one place");

// Rows by EventFieldId.
constexpr std::array<const EventField*, kEventFieldCount> rows_by_id() {
    std::array<const EventField*, kEventFieldCount> rows{};
    for (const EventField& f : kEventFields) rows[static_cast<std::size_t>(f.id)] = &f;
    return rows;
}
constexpr std::array<const EventField*, kEventFieldCount> kRowsById = rows_by_id();

// Checked on the ids, not on kRowsById's pointers: GCC cannot compare the address of a global with
// null in a constant expression when AddressSanitizer instruments it.
constexpr bool every_field_once() {
    std::array<bool, kEventFieldCount> seen{};
    for (const EventField& f : kEventFields) {
        const auto id = static_cast<std::size_t>(f.id);
        if (id >= seen.size() || seen[id]) return false;
        seen[id] = true;
    }
    for (bool found : seen)
        if (!found) return false;
    return true;
}
static_assert(every_field_once(), "one row per EventFieldId");

// Names to rows by open addressing: find_event_field runs for every field of every event read.
constexpr std::size_t kSlots = 64;
constexpr std::size_t hash_name(std::string_view name) {
    return (name.size() * 7 + static_cast<unsigned char>(name.front()) * 3 + static_cast<unsigned char>(name.back())) %
           kSlots;
}
constexpr std::array<signed char, kSlots> name_slots() {
    std::array<signed char, kSlots> slots{};
    for (auto& s : slots) s = -1;
    for (std::size_t i = 0; i < kEventFields.size(); ++i) {
        std::size_t h = hash_name(kEventFields[i].name);
        while (slots[h] >= 0) h = (h + 1) % kSlots;
        slots[h] = static_cast<signed char>(i);
    }
    return slots;
}
constexpr std::array<signed char, kSlots> kNameSlots = name_slots();


constexpr std::array<KindFields, kEventKindCount> fields_by_kind() {
    std::array<KindFields, kEventKindCount> kinds{};
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        KindFields& fields = kinds[k];
        fields.required = kKindRows[k].required | kFieldsOfEveryEvent;
        fields.optional = kKindRows[k].optional;
        for (const EventField& f : kEventFields)
            if (fields.allowed() & field_bit(f.id)) {
                fields.rows[fields.row_count++] = &f;
                if (f.type == EventFieldType::text) fields.text = &f;
            }
    }
    return kinds;
}

}  // namespace

constexpr std::array<KindFields, kEventKindCount> kFieldsByKind = fields_by_kind();

int first_format_version(EventKind kind) { return kKindRows[static_cast<std::size_t>(kind)].since_version; }

const EventField& event_field(EventFieldId id) { return *kRowsById[static_cast<std::size_t>(id)]; }

const EventField* find_event_field(std::string_view name) {
    if (name.empty()) return nullptr;
    for (std::size_t h = hash_name(name);; h = (h + 1) % kSlots) {
        const signed char slot = kNameSlots[h];
        if (slot < 0) return nullptr;
        const EventField& f = kEventFields[static_cast<std::size_t>(slot)];
        if (f.name == name) return &f;
    }
}

}  // namespace gemba
