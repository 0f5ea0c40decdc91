// The fields of an event, described once: their names in files, the kinds they belong to, their
// ranges, and where they live in an Event. The session file's writer, its two readers and its
// checks all work from these tables, and tests compare them with data/schema/session.schema.json:
// adding a field to a kind is a row here plus the code that gives the field its meaning.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/model/session.hpp"

namespace gemba {

// The largest id a step or event can have in a file.
inline constexpr std::int64_t kMaxId = 1'000'000'000'000'000;
// The most a queue count can say: a billion units (it lives in Event's 32-bit place).
inline constexpr std::int64_t kMaxQueueCount = 1'000'000'000;

// One identifier per field. The order is the order in which a reader names missing and foreign
// fields (the first wrong one in this order is the one reported), not the order in files.
enum class EventFieldId : unsigned char {
    id, t_ms, kind,  // every event has these
    step, ended_step, new_cycle, waste, target, text, note, reason, start_ms, end_ms, at_ms, cycle, queue, count,
    round, subject, category,
};
inline constexpr std::size_t kEventFieldCount = static_cast<std::size_t>(EventFieldId::category) + 1;

// A set of fields, one bit per EventFieldId.
using EventFieldSet = std::uint32_t;
constexpr EventFieldSet field_bit(EventFieldId id) { return EventFieldSet{1} << static_cast<unsigned>(id); }
inline constexpr EventFieldSet kFieldsOfEveryEvent =
    field_bit(EventFieldId::id) | field_bit(EventFieldId::t_ms) | field_bit(EventFieldId::kind);

// What a field holds in a file.
enum class EventFieldType : unsigned char {
    integer,  // a whole number in [min, max]
    flag,     // true or false
    kind,     // an EventKind spelling
    waste,    // a Waste spelling
    text,     // a text string
};

struct EventField {
    EventFieldId id;
    std::string_view name;  // in files
    EventFieldType type;
    // Where the value lives: the member of the field's type (the others are null). An integer lives
    // in 64 bits, or in 32 (small_integer) when its range fits them.
    std::int64_t Event::*integer = nullptr;
    std::int32_t Event::*small_integer = nullptr;
    bool Event::*flag = nullptr;
    EventKind Event::*kind = nullptr;
    Waste Event::*waste = nullptr;
    EventText Event::*text = nullptr;
    std::int64_t min = 0, max = 0;  // integer only
};

// The places in Event that fields share (see Event); only this table names them.
struct EventPlaces {
    static constexpr std::int64_t Event::*start_ms_or_at_ms = &Event::start_ms_or_at_ms_;
    static constexpr std::int64_t Event::*end_ms_or_ended_step = &Event::end_ms_or_ended_step_;
    static constexpr std::int32_t Event::*cycle = &Event::cycle_;
};

// Every field, in the order a file lists an event's fields.
inline constexpr std::array<EventField, kEventFieldCount> kEventFields = {{
    {.id = EventFieldId::id, .name = "id", .type = EventFieldType::integer, .integer = &Event::id, .min = 1, .max = kMaxId},
    {.id = EventFieldId::t_ms, .name = "t_ms", .type = EventFieldType::integer, .integer = &Event::t_ms, .min = 0, .max = kMaxTimeMs},
    {.id = EventFieldId::kind, .name = "kind", .type = EventFieldType::kind, .kind = &Event::kind},
    {.id = EventFieldId::ended_step, .name = "ended_step", .type = EventFieldType::integer, .integer = EventPlaces::end_ms_or_ended_step, .min = 1, .max = kMaxId},
    {.id = EventFieldId::step, .name = "step", .type = EventFieldType::integer, .integer = &Event::step, .min = 1, .max = kMaxId},
    {.id = EventFieldId::new_cycle, .name = "new_cycle", .type = EventFieldType::flag, .flag = &Event::new_cycle},
    {.id = EventFieldId::waste, .name = "waste", .type = EventFieldType::waste, .waste = &Event::waste},
    {.id = EventFieldId::target, .name = "target", .type = EventFieldType::integer, .integer = &Event::target, .min = 1, .max = kMaxId},
    {.id = EventFieldId::cycle, .name = "cycle", .type = EventFieldType::integer, .small_integer = EventPlaces::cycle, .min = 1, .max = kMaxCycle},
    {.id = EventFieldId::start_ms, .name = "start_ms", .type = EventFieldType::integer, .integer = EventPlaces::start_ms_or_at_ms, .min = 0, .max = kMaxTimeMs},
    {.id = EventFieldId::end_ms, .name = "end_ms", .type = EventFieldType::integer, .integer = EventPlaces::end_ms_or_ended_step, .min = 0, .max = kMaxTimeMs},
    {.id = EventFieldId::at_ms, .name = "at_ms", .type = EventFieldType::integer, .integer = EventPlaces::start_ms_or_at_ms, .min = 0, .max = kMaxTimeMs},
    {.id = EventFieldId::queue, .name = "queue", .type = EventFieldType::integer, .integer = EventPlaces::end_ms_or_ended_step, .min = 1, .max = kMaxId},
    {.id = EventFieldId::count, .name = "count", .type = EventFieldType::integer, .small_integer = EventPlaces::cycle, .min = 0, .max = kMaxQueueCount},
    {.id = EventFieldId::round, .name = "round", .type = EventFieldType::integer, .small_integer = EventPlaces::cycle, .min = 1, .max = kMaxRounds},
    {.id = EventFieldId::subject, .name = "subject", .type = EventFieldType::integer, .integer = EventPlaces::end_ms_or_ended_step, .min = 1, .max = kMaxId},
    {.id = EventFieldId::category, .name = "category", .type = EventFieldType::integer, .integer = EventPlaces::start_ms_or_at_ms, .min = 1, .max = kMaxId},
    // One text per event: the kinds that have one have exactly one of these three.
    {.id = EventFieldId::text, .name = "text", .type = EventFieldType::text, .text = &Event::text},
    {.id = EventFieldId::note, .name = "note", .type = EventFieldType::text, .text = &Event::text},
    {.id = EventFieldId::reason, .name = "reason", .type = EventFieldType::text, .text = &Event::text},
}};

// The row of a field.
const EventField& event_field(EventFieldId id);
// The row of the field with this name in files; null for a name that is no event field.
const EventField* find_event_field(std::string_view name);

// The fields of a kind. Both sets include id, t_ms and kind.
struct KindFields {
    EventFieldSet required = 0;
    EventFieldSet optional = 0;  // written only when they say something (see is_written)
    // The rows of the kind's fields, in the order of kEventFields: the writer and the checks visit
    // only these (a few of fifteen), once per event of files with millions.
    std::array<const EventField*, kEventFieldCount> rows{};
    std::size_t row_count = 0;
    const EventField* text = nullptr;  // the kind's text field ("text", "note" or "reason"), if any

    constexpr EventFieldSet allowed() const { return required | optional; }
    constexpr std::span<const EventField* const> fields() const { return {rows.data(), row_count}; }
};
inline constexpr std::size_t kEventKindCount = static_cast<std::size_t>(EventKind::round_skip) + 1;
// The first format version whose files may hold events of the kind (a reader of an older version
// refuses them).
int first_format_version(EventKind kind);
// The fields of each kind, by EventKind (in event_fields.cpp); fields_of runs for every event read
// or written, so it is inline.
extern const std::array<KindFields, kEventKindCount> kFieldsByKind;
inline const KindFields& fields_of(EventKind kind) { return kFieldsByKind[static_cast<std::size_t>(kind)]; }

// An integer field's value, wherever it lives.
inline std::int64_t integer_of(const Event& e, const EventField& f) {
    return f.integer ? e.*f.integer : e.*f.small_integer;
}
// Sets an integer field to a value within its range [min, max].
inline void set_integer(Event& e, const EventField& f, std::int64_t value) {
    if (f.integer) e.*f.integer = value;
    else e.*f.small_integer = static_cast<std::int32_t>(value);
}

// Whether the field is written for this event: a field of its kind, and when optional, one that
// says something (a step, a target, a text that is not empty, new_cycle true).
inline bool is_written(const Event& e, const KindFields& fields_of_its_kind, const EventField& f) {
    const EventFieldSet bit = field_bit(f.id);
    if (fields_of_its_kind.required & bit) return true;
    if (!(fields_of_its_kind.optional & bit)) return false;
    switch (f.type) {
        case EventFieldType::integer: return integer_of(e, f) != 0;
        case EventFieldType::flag: return e.*f.flag;
        case EventFieldType::text: return !(e.*f.text).empty();
        case EventFieldType::kind:
        case EventFieldType::waste: break;
    }
    return true;
}

}  // namespace gemba
