// The compact Event: 64 bytes, its text out of line, and fields that share a place read only through
// the accessor of their own name, where the event field table put them.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>

#include "core/model/event_fields.hpp"
#include "core/model/session.hpp"

using namespace gemba;

namespace {

// The named accessor of an integer field, read the way the code outside the table reads it.
std::int64_t read_by_name(const Event& e, EventFieldId id) {
    switch (id) {
        case EventFieldId::id: return e.id;
        case EventFieldId::t_ms: return e.t_ms;
        case EventFieldId::step: return e.step;
        case EventFieldId::target: return e.target;
        case EventFieldId::ended_step: return e.ended_step();
        case EventFieldId::start_ms: return e.start_ms();
        case EventFieldId::end_ms: return e.end_ms();
        case EventFieldId::at_ms: return e.at_ms();
        case EventFieldId::cycle: return e.cycle();
        case EventFieldId::queue: return e.queue();
        case EventFieldId::count: return e.count();
        case EventFieldId::round: return e.round();
        case EventFieldId::subject: return e.subject();
        case EventFieldId::category: return e.category();
        default: FAIL("not an integer field: ", event_field(id).name);
    }
    return 0;
}

}  // namespace

TEST_CASE("an event takes at most 64 bytes, its text out of line") {
    CHECK(sizeof(Event) <= 64);
    CHECK(sizeof(EventText) == sizeof(void*));
}

TEST_CASE("every integer field of every kind, set through the field table, reads back by its own name") {
    for (std::size_t k = 0; k < kEventKindCount; ++k) {
        const auto kind = static_cast<EventKind>(k);
        CAPTURE(to_string(kind));
        Event e;
        e.kind = kind;
        const KindFields& fields = fields_of(kind);
        std::int64_t value = 1;
        for (const EventField* f : fields.fields())  // each field its own value: a shared place would mix them
            if (f->type == EventFieldType::integer) set_integer(e, *f, value++);
        value = 1;
        for (const EventField* f : fields.fields())
            if (f->type == EventFieldType::integer) {
                CAPTURE(f->name);
                CHECK(integer_of(e, *f) == value);
                CHECK(read_by_name(e, f->id) == value);
                ++value;
            }
        // A field the kind does not have reads as 0 by its name, whatever shares its place.
        for (const EventField& f : kEventFields)
            if (f.type == EventFieldType::integer && !(fields.allowed() & field_bit(f.id))) {
                CAPTURE(f.name);
                const bool shares_a_place_with_a_field_of_the_kind =
                    f.id == EventFieldId::ended_step || f.id == EventFieldId::at_ms || f.id == EventFieldId::start_ms ||
                    f.id == EventFieldId::end_ms || f.id == EventFieldId::round || f.id == EventFieldId::subject ||
                    f.id == EventFieldId::category;
                if (shares_a_place_with_a_field_of_the_kind) CHECK(read_by_name(e, f.id) == 0);
            }
    }
}

TEST_CASE("an event's text is copied with the event, compared by its characters, and empty without storage") {
    Event a;
    a.kind = EventKind::note;
    CHECK(a.text.empty());
    CHECK(a.text == "");
    a.text = "Forklift in the aisle";
    Event b = a;
    CHECK(b == a);
    CHECK(b.text == "Forklift in the aisle");
    b.text = "changed";
    CHECK(a.text == "Forklift in the aisle");  // a copy, not a shared text
    CHECK_FALSE(b == a);
    Event moved = std::move(b);
    CHECK(moved.text == "changed");
    Event empty_allocated;
    empty_allocated.text.edit();  // a reader filled it with nothing
    CHECK(empty_allocated.text.empty());
    CHECK(empty_allocated == Event{});
    a.text = std::string();
    CHECK(a.text.empty());
}

TEST_CASE("a cycle beyond 32 bits stays out of range rather than wrapping into it") {
    Event e;
    e.kind = EventKind::insert_reading;
    e.set_cycle(kMaxCycle);
    CHECK(e.cycle() == kMaxCycle);
    e.set_cycle(std::int64_t{1} << 32 | 5);  // would wrap to 5
    CHECK(e.cycle() > kMaxCycle);
    e.set_cycle(-(std::int64_t{1} << 32) + 3);  // would wrap to 3
    CHECK(e.cycle() < 1);
}
