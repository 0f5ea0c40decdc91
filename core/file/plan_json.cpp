// cereal's JSON header must come before any RapidJSON header: it makes RapidJSON's assertions throw.
#include <cereal/archives/json.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/file/plan_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <streambuf>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/model/plan_fields.hpp"

namespace gemba::detail {
namespace {

// --------------------------------------------------------------------------------------------------
// Reading: cereal, with the place of every value tracked for messages.
// --------------------------------------------------------------------------------------------------

struct LoadFailure {
    Problem problem;
};

class Reader {
public:
    explicit Reader(cereal::JSONInputArchive& archive) : ar_(archive) {}

    std::string pointer() const {
        std::string out;
        for (const std::string& segment : path_) out += "/" + escape_pointer_segment(segment);
        return out;
    }
    [[noreturn]] void fail(std::string what) const { throw LoadFailure{Problem{pointer(), std::move(what)}}; }

    // Visits the members of the object at the current position; on_member(name) must read the
    // member's value (or fail). Unknown and repeated members are errors.
    template <class OnMember>
    void object(OnMember&& on_member) {
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            fail("expected an object ({ ... }), found " + found());
        }
        if (!ar_.getNodeName()) check_not_a_list();
        std::set<std::string, std::less<>> seen;
        while (const char* raw_name = ar_.getNodeName()) {
            const std::string name = raw_name;
            path_.push_back(name);
            if (!seen.insert(name).second) fail("the field appears twice");
            on_member(std::string_view(name));
            path_.pop_back();
        }
        ar_.finishNode();
    }

    // Visits the elements of the list at the current position; on_element(index) reads one. The
    // list's first element is element `first_index` of the list the file holds (a batch of it).
    template <class OnElement>
    void list(OnElement&& on_element, std::size_t first_index = 0) {
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            fail("expected a list ([ ... ]), found " + found());
        }
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);  // only a list has a size
        } catch (const cereal::Exception&) {
            fail("expected a list ([ ... ]), found an object");
        }
        for (cereal::size_type i = 0; i < size; ++i) {
            const std::size_t index = first_index + static_cast<std::size_t>(i);
            path_.push_back(std::to_string(index));
            on_element(index);
            path_.pop_back();
        }
        ar_.finishNode();
    }

    std::int64_t integer(std::int64_t min, std::int64_t max) {
        std::int64_t value = 0;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            // Not an int64: a larger integer, a number with a fraction or exponent, or no number.
            std::uint64_t big = 0;
            if (attempt(big)) fail(range_text(min, max, std::to_string(big), false));
            double real = 0;
            if (attempt(real)) {
                const bool below = real < static_cast<double>(min), above = real > static_cast<double>(max);
                if (std::floor(real) == real && (below || above)) fail(range_text(min, max, double_text(real), below));
                fail("expected a whole number, found " + double_text(real));
            }
            fail("expected a whole number, found " + found());
        }
        if (value < min || value > max)
            fail(range_text(min, max, std::to_string(value), value < min));
        return value;
    }

    // A whole number in the range.
    std::int64_t integer(const NumberRange& range) {
        return integer(static_cast<std::int64_t>(range.min), static_cast<std::int64_t>(range.max));
    }

    double number(const NumberRange& range) {
        // An integer in the file is quoted back as written ("found 100", not "found 100.0").
        double value = 0;
        std::string written;
        std::int64_t whole = 0;
        if (attempt(whole)) {
            value = static_cast<double>(whole);
            written = std::to_string(whole);
        } else {
            try {
                ar_(value);
            } catch (const cereal::Exception&) {
                fail("expected a number, found " + found());
            }
            written = double_text(value);
        }
        if (!std::isfinite(value) || !range.contains(value)) fail("must be " + range.text() + ", found " + written);
        return value;
    }

    std::string text() {
        std::string value;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected a text string, found " + found());
        }
        return value;
    }

    // A list of texts, none of them empty (`one` says what each is, for the message).
    std::vector<std::string> texts(const char* one) {
        std::vector<std::string> values;
        list([&](std::size_t) {
            values.push_back(text());
            if (values.back().empty()) fail(std::string("is empty; expected ") + one);
        });
        return values;
    }

    bool boolean() {
        bool value = false;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected true or false, found " + found());
        }
        return value;
    }

    template <class E>
    E enumeration(std::optional<E> (*parse)(std::string_view), std::string (*spellings)(), const char* what) {
        const std::string spelled = text();
        if (auto value = parse(spelled)) return *value;
        fail("unknown " + std::string(what) + " '" + printable(spelled) + "' (expected one of: " + spellings() + ")");
    }

    [[noreturn]] void unknown(std::string_view name) { fail("unknown field '" + printable(name) + "'"); }

    void push(std::string segment) { path_.push_back(std::move(segment)); }
    void pop() { path_.pop_back(); }

private:
    // An object with no members may really be a list: loadSize succeeds only on lists.
    void check_not_a_list() {
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            return;
        }
        fail("expected an object ({ ... }), found a list");
    }

    // Reads the current value as T if it is one; leaves the position unchanged if not.
    template <class T>
    bool attempt(T& value) {
        try {
            ar_(value);
            return true;
        } catch (const cereal::Exception&) {
            return false;
        }
    }

    // What the current value is, for a message: "the text \"12\"", "1.5", "null", "a list".
    // Called only on the way to a failure: it may move the position.
    std::string found() {
        if (std::string s; attempt(s)) return "the text " + quote_text(s);
        if (bool b = false; attempt(b)) return b ? "true" : "false";
        if (std::int64_t i = 0; attempt(i)) return std::to_string(i);
        if (std::uint64_t u = 0; attempt(u)) return std::to_string(u);
        if (double d = 0; attempt(d)) return double_text(d);
        if (std::nullptr_t n = nullptr; attempt(n)) return "null";
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            return "a value of another kind";
        }
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            return "an object";
        }
        return "a list";
    }

    cereal::JSONInputArchive& ar_;
    std::vector<std::string> path_;
};

WestinghouseRating read_westinghouse(Reader& in) {
    WestinghouseRating rating;
    std::array<bool, kWestinghouseFactors.size()> has{};
    in.object([&](std::string_view name) {
        for (WestinghouseFactor factor : kWestinghouseFactors) {
            if (name != to_string(factor)) continue;
            const std::string spelled = in.text();
            const std::optional<std::uint8_t> grade = parse_westinghouse_grade(factor, spelled);
            if (!grade)
                in.fail("unknown " + std::string(to_string(factor)) + " grade '" + printable(spelled) +
                        "' (expected one of: " + spellings_of_westinghouse_grades(factor) + ")");
            rating.grade[static_cast<std::size_t>(factor)] = *grade;
            has[static_cast<std::size_t>(factor)] = true;
            return;
        }
        in.unknown(name);
    });
    for (WestinghouseFactor factor : kWestinghouseFactors)
        if (!has[static_cast<std::size_t>(factor)]) in.fail("missing field '" + std::string(to_string(factor)) + "'");
    return rating;
}

// One allowance item: `true`, a level's word, or a row's number, as the factor is written.
std::uint8_t read_allowance_level(Reader& in, const AllowanceFactorInfo& info) {
    const auto level_number = [&](std::size_t index) { return static_cast<std::uint8_t>(index + 1); };
    switch (info.written) {
        case AllowanceWritten::flag:
            if (!in.boolean()) in.fail("is false; leave an item out instead");
            return 1;
        case AllowanceWritten::word: {
            const std::string spelled = in.text();
            std::string expected;
            for (std::size_t i = 0; i < info.levels.size(); ++i) {
                if (info.levels[i].spelling == spelled) return level_number(i);
                expected += (i == 0 ? "" : ", ") + std::string(info.levels[i].spelling);
            }
            in.fail("unknown level '" + printable(spelled) + "' (expected one of: " + expected + ")");
        }
        case AllowanceWritten::number: break;
    }
    const NumberRange& range = info.factor == AllowanceFactor::lifting ? plan_range::lifting_lb : plan_range::atmosphere_pct;
    const std::int64_t value = in.integer(range);
    std::string expected;
    for (std::size_t i = 0; i < info.levels.size(); ++i) {
        if (info.levels[i].number == static_cast<double>(value)) return level_number(i);
        expected += (i == 0 ? "" : ", ") + std::string(info.levels[i].spelling);
    }
    in.fail("is not a row of the table (expected one of: " + expected + "), found " + std::to_string(value));
}

AllowanceItems read_allowances(Reader& in) {
    AllowanceItems items;
    in.object([&](std::string_view name) {
        for (const AllowanceFactorInfo& info : allowance_factors())
            if (name == info.key) {
                items.level[static_cast<std::size_t>(info.factor)] = read_allowance_level(in, info);
                return;
            }
        in.unknown(name);
    });
    return items;
}

// A number as a person writes it: 105, not 105.0; 104.5 as it is.
std::string number_text(double value) {
    if (std::floor(value) == value && std::abs(value) < 1e15) return std::to_string(static_cast<std::int64_t>(value));
    return double_text(value);
}

// "B1, C2, D, E": a rating's grades as a reader can check them against the table.
std::string grades_text(const WestinghouseRating& rating) {
    std::string out;
    for (WestinghouseFactor factor : kWestinghouseFactors)
        out += (out.empty() ? "" : ", ") + std::string(rating.of(factor).spelling);
    return out;
}

Step read_step(Reader& in, int version) {
    Step s;
    bool has_id = false, has_name = false, has_class = false, has_rating = false, has_allowance = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::step_id.name) s.id = in.integer(plan_range::step_id), has_id = true;
        else if (name == "name") s.name = in.text(), has_name = true;
        else if (name == "value_class")
            s.value_class = in.enumeration(parse_value_class, spellings_of_value_class, "value class"), has_class = true;
        else if (name == plan_range::rating_pct.name) s.rating_pct = in.number(plan_range::rating_pct), has_rating = true;
        else if (name == plan_range::allowance_pct.name)
            s.allowance_pct = in.number(plan_range::allowance_pct), has_allowance = true;
        else if (version < 2) in.unknown(name);
        else if (name == "touched_by") s.touched_by = in.texts("a role, team or person");
        else if (name == "what_happens") s.what_happens = in.text();
        else if (name == plan_range::changeover_ms.name) s.changeover_ms = in.integer(plan_range::changeover_ms);
        else if (name == plan_range::uptime_pct.name) s.uptime_pct = in.number(plan_range::uptime_pct);
        else if (name == plan_range::people.name) s.people = in.integer(plan_range::people);
        else if (name == plan_range::shifts.name) s.shifts = in.integer(plan_range::shifts);
        else if (name == plan_range::batch_size.name) s.batch_size = in.integer(plan_range::batch_size);
        else if (version < 3) in.unknown(name);
        else if (name == "westinghouse") s.westinghouse = read_westinghouse(in);
        else if (name == "allowances") s.allowance_items = read_allowances(in);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (!has_class) in.fail("missing field 'value_class'");
    // The helpers say what the rating and the allowance are: a file may leave those out, but may
    // not say otherwise (which one would be right?).
    if (s.westinghouse) {
        const double from_grades = s.westinghouse->rating_pct();
        if (!has_rating) s.rating_pct = from_grades;
        else if (s.rating_pct != from_grades) {
            in.push("rating_pct");
            in.fail("is " + number_text(s.rating_pct) + " but the Westinghouse grades (" + grades_text(*s.westinghouse) +
                    ") give " + number_text(from_grades) + "; change one of them, or remove the grades");
        }
    }
    if (s.allowance_items.any()) {
        const double from_items = s.allowance_items.total_pct();
        if (!has_allowance) s.allowance_pct = from_items;
        else if (s.allowance_pct != from_items) {
            in.push("allowance_pct");
            in.fail("is " + number_text(s.allowance_pct) + " but the allowance items add up to " +
                    number_text(from_items) + "; change one of them, or remove the items");
        }
    }
    if (s.name.empty()) {
        in.push("name");
        in.fail("the step's name is empty");
    }
    return s;
}

Queue read_queue(Reader& in) {
    Queue q;
    bool has_id = false, has_name = false, has_step = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::queue_id.name) q.id = in.integer(plan_range::queue_id), has_id = true;
        else if (name == "name") q.name = in.text(), has_name = true;
        else if (name == plan_range::queue_before_step.name)
            q.before_step = in.integer(plan_range::queue_before_step), has_step = true;
        else if (name == plan_range::wip_limit.name) q.wip_limit = in.integer(plan_range::wip_limit);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (!has_step) in.fail("missing field 'before_step'");
    if (q.name.empty()) {
        in.push("name");
        in.fail("the queue's name is empty");
    }
    return q;
}

// --- What the walk led to (format version 4) -------------------------------------------------------

Evidence read_evidence(Reader& in) {
    Evidence e;
    bool has_event = false, has_step = false, has_waste = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::evidence_event.name) e.event = in.integer(plan_range::evidence_event), has_event = true;
        else if (name == plan_range::evidence_step.name) e.step = in.integer(plan_range::evidence_step), has_step = true;
        else if (name == "waste") e.waste = in.enumeration(parse_waste, spellings_of_waste, "waste"), has_waste = true;
        else in.unknown(name);
    });
    if (has_event && (has_step || has_waste))
        in.fail("names an event and a step or waste; a piece of evidence is one of {\"event\": id}, {\"step\": id}, "
                "{\"waste\": name} or {\"waste\": name, \"step\": id}");
    if (has_event) e.kind = EvidenceKind::event;
    else if (has_waste) e.kind = EvidenceKind::waste;
    else if (has_step) e.kind = EvidenceKind::step;
    else in.fail("names nothing; expected \"event\", \"step\" or \"waste\"");
    return e;
}

WhyLevel read_why(Reader& in) {
    WhyLevel level;
    bool has_because = false;
    in.object([&](std::string_view name) {
        if (name == "why") level.why = in.text();
        else if (name == "because") level.because = in.text(), has_because = true;
        else if (name == "root_cause") level.root_cause = in.boolean();
        else in.unknown(name);
    });
    if (!has_because) in.fail("missing field 'because'");
    return level;
}

Idea read_idea(Reader& in) {
    Idea idea;
    bool has_id = false, has_text = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::idea_id.name) idea.id = in.integer(plan_range::idea_id), has_id = true;
        else if (name == "text") idea.text = in.text(), has_text = true;
        else if (name == "proposed_by") idea.proposed_by = in.text();
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_text) in.fail("missing field 'text'");
    return idea;
}

RaisedProblem read_problem(Reader& in) {
    RaisedProblem problem;
    bool has_id = false, has_title = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::problem_id.name) problem.id = in.integer(plan_range::problem_id), has_id = true;
        else if (name == "title") problem.title = in.text(), has_title = true;
        else if (name == "evidence") in.list([&](std::size_t) { problem.evidence.push_back(read_evidence(in)); });
        else if (name == "whys") {
            in.list([&](std::size_t) { problem.whys.push_back(read_why(in)); });
            if (problem.whys.empty()) in.fail("an empty why chain; leave 'whys' out until the first why is asked");
            std::size_t roots = 0;
            for (std::size_t i = 0; i < problem.whys.size(); ++i)
                if (problem.whys[i].root_cause && ++roots == 2) {
                    in.push(std::to_string(i));
                    in.push("root_cause");
                    in.fail("a second root cause in one why chain; mark one level as the root cause");
                }
        } else if (name == "ideas") in.list([&](std::size_t) { problem.ideas.push_back(read_idea(in)); });
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_title) in.fail("missing field 'title'");
    return problem;
}

ExpectedEffect read_expected(Reader& in) {
    ExpectedEffect effect;
    bool has_metric = false, has_step = false, has_waste = false, has_direction = false;
    in.object([&](std::string_view name) {
        if (name == "metric") effect.metric = in.enumeration(parse_metric, spellings_of_metric, "metric"), has_metric = true;
        else if (name == plan_range::expected_step.name) effect.step = in.integer(plan_range::expected_step), has_step = true;
        else if (name == "waste") effect.waste = in.enumeration(parse_waste, spellings_of_waste, "waste"), has_waste = true;
        else if (name == "direction")
            effect.direction = in.enumeration(parse_direction, spellings_of_direction, "direction"), has_direction = true;
        else in.unknown(name);
    });
    if (!has_metric) in.fail("missing field 'metric'");
    if (!has_direction) in.fail("missing field 'direction'");
    const std::string metric(to_string(effect.metric));
    if (metric_needs_step(effect.metric) && !has_step) in.fail("missing field 'step' (" + metric + " is a step's number)");
    if (has_step && !metric_takes_step(effect.metric)) {
        in.push("step");
        in.fail(metric + " is the walk's number, not a step's; leave 'step' out");
    }
    if (metric_takes_waste(effect.metric) && !has_waste) in.fail("missing field 'waste' (" + metric + " counts one waste)");
    if (has_waste && !metric_takes_waste(effect.metric)) {
        in.push("waste");
        in.fail(metric + " counts no waste; leave 'waste' out");
    }
    return effect;
}

Action read_action(Reader& in) {
    Action action;
    bool has_id = false, has_problem = false, has_title = false, has_status = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::action_id.name) action.id = in.integer(plan_range::action_id), has_id = true;
        else if (name == plan_range::action_problem.name)
            action.problem = in.integer(plan_range::action_problem), has_problem = true;
        else if (name == plan_range::action_idea.name) action.idea = in.integer(plan_range::action_idea);
        else if (name == "title") action.title = in.text(), has_title = true;
        else if (name == "owner") action.owner = in.text();
        else if (name == "due") {
            action.due = in.text();
            if (!is_iso8601_date(action.due))
                in.fail("'" + printable(action.due) + "' is not a date like 2026-12-15 (year-month-day, a day that exists)");
        } else if (name == "status")
            action.status = in.enumeration(parse_action_status, spellings_of_action_status, "status"), has_status = true;
        else if (name == "expected") action.expected = read_expected(in);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_problem) in.fail("missing field 'problem'");
    if (!has_title) in.fail("missing field 'title'");
    if (!has_status) in.fail("missing field 'status'");
    return action;
}

Improvement read_improvement(Reader& in) {
    Improvement improvement;
    in.object([&](std::string_view name) {
        if (name == plan_range::doing_limit.name) improvement.doing_limit = in.integer(plan_range::doing_limit);
        else if (name == "problems") in.list([&](std::size_t) { improvement.problems.push_back(read_problem(in)); });
        else if (name == "actions") in.list([&](std::size_t) { improvement.actions.push_back(read_action(in)); });
        else in.unknown(name);
    });
    return improvement;
}

// --- A work sampling study (format version 5) -------------------------------------------------------

SamplingSubject read_subject(Reader& in) {
    SamplingSubject subject;
    bool has_id = false, has_name = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::subject_id.name) subject.id = in.integer(plan_range::subject_id), has_id = true;
        else if (name == "name") subject.name = in.text(), has_name = true;
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (subject.name.empty()) {
        in.push("name");
        in.fail("the subject's name is empty");
    }
    return subject;
}

bool is_category_key(std::string_view key) {
    return key.size() == 1 && ((key[0] >= '0' && key[0] <= '9') || (key[0] >= 'A' && key[0] <= 'Z'));
}

SamplingCategory read_category(Reader& in) {
    SamplingCategory category;
    bool has_id = false, has_name = false, has_class = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::category_id.name) category.id = in.integer(plan_range::category_id), has_id = true;
        else if (name == "name") category.name = in.text(), has_name = true;
        else if (name == "value_class")
            category.value_class = in.enumeration(parse_value_class, spellings_of_value_class, "value class"), has_class = true;
        else if (name == "waste") category.waste = in.enumeration(parse_waste, spellings_of_waste, "waste");
        else if (name == "key") {
            category.key = in.text();
            if (!is_category_key(category.key))
                in.fail("'" + printable(category.key) + "' is not a key; a key is one of 0-9 or A-Z");
        } else if (name == "absent") {
            category.absent = in.boolean();
            if (!category.absent) in.fail("is false; leave 'absent' out instead");
        } else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (!has_class) in.fail("missing field 'value_class'");
    if (category.name.empty()) {
        in.push("name");
        in.fail("the category's name is empty");
    }
    return category;
}

SamplingTarget read_target(Reader& in) {
    SamplingTarget target;
    bool has_category = false, has_accuracy = false, has_value = false;
    in.object([&](std::string_view name) {
        if (name == plan_range::target_category.name)
            target.category = in.integer(plan_range::target_category), has_category = true;
        else if (name == "accuracy")
            target.accuracy = in.enumeration(parse_sampling_accuracy, spellings_of_sampling_accuracy, "accuracy"),
            has_accuracy = true;
        else if (name == plan_range::target_accuracy_pct.name)
            target.accuracy_pct = in.number(plan_range::target_accuracy_pct), has_value = true;
        else in.unknown(name);
    });
    if (!has_category) in.fail("missing field 'category'");
    if (!has_accuracy) in.fail("missing field 'accuracy'");
    if (!has_value) in.fail("missing field 'accuracy_pct'");
    return target;
}

std::string time_of_day(Reader& in) {
    std::string text = in.text();
    if (!minutes_of_day(text)) in.fail("'" + printable(text) + "' is not a time of day like 07:30 (00:00 to 24:00)");
    return text;
}

SamplingBreak read_break(Reader& in) {
    SamplingBreak pause;
    bool has_start = false, has_end = false;
    in.object([&](std::string_view name) {
        if (name == "start") pause.start = time_of_day(in), has_start = true;
        else if (name == "end") pause.end = time_of_day(in), has_end = true;
        else in.unknown(name);
    });
    if (!has_start) in.fail("missing field 'start'");
    if (!has_end) in.fail("missing field 'end'");
    return pause;
}

SamplingDay read_day(Reader& in) {
    SamplingDay day;
    bool has_date = false, has_start = false, has_end = false;
    in.object([&](std::string_view name) {
        if (name == "date") {
            day.date = in.text(), has_date = true;
            if (!is_iso8601_date(day.date))
                in.fail("'" + printable(day.date) + "' is not a date like 2026-12-15 (year-month-day, a day that exists)");
        } else if (name == "start") day.start = time_of_day(in), has_start = true;
        else if (name == "end") day.end = time_of_day(in), has_end = true;
        else if (name == "breaks") in.list([&](std::size_t) { day.breaks.push_back(read_break(in)); });
        else in.unknown(name);
    });
    if (!has_date) in.fail("missing field 'date'");
    if (!has_start) in.fail("missing field 'start'");
    if (!has_end) in.fail("missing field 'end'");
    return day;
}

// A seed is a decimal string: a JSON number loses the digits of an integer past 2^53.
std::uint64_t read_seed(Reader& in) {
    const std::string text = in.text();
    std::uint64_t seed = 0;
    const bool digits = !text.empty() && text.size() <= 20 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool fits = digits;
    for (char c : text) {
        if (!fits) break;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (seed > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fits = false;
        else seed = seed * 10 + digit;
    }
    if (!fits)
        in.fail("'" + printable(text) + "' is not a seed; a seed is a whole number from 0 to 18446744073709551615 "
                "written as a text (\"42\")");
    return seed;
}

SamplingSchedule read_schedule(Reader& in) {
    SamplingSchedule schedule;
    bool has_seed = false, has_min = false, has_max = false, has_mean = false;
    in.object([&](std::string_view name) {
        if (name == "seed") schedule.seed = read_seed(in), has_seed = true;
        else if (name == "utc_offset") {
            schedule.utc_offset = in.text();
            if (!utc_offset_minutes(schedule.utc_offset))
                in.fail("'" + printable(schedule.utc_offset) + "' is not an offset from UTC like +01:00 or -05:30");
        } else if (name == "days") in.list([&](std::size_t) { schedule.days.push_back(read_day(in)); });
        else if (name == plan_range::min_gap_ms.name) schedule.min_gap_ms = in.integer(plan_range::min_gap_ms), has_min = true;
        else if (name == plan_range::max_gap_ms.name) schedule.max_gap_ms = in.integer(plan_range::max_gap_ms), has_max = true;
        else if (name == plan_range::mean_gap_ms.name)
            schedule.mean_gap_ms = in.integer(plan_range::mean_gap_ms), has_mean = true;
        else if (name == plan_range::late_after_ms.name) schedule.late_after_ms = in.integer(plan_range::late_after_ms);
        else if (name == plan_range::grace_ms.name) schedule.grace_ms = in.integer(plan_range::grace_ms);
        else if (name == "rounds") {
            in.list([&](std::size_t index) {
                if (index >= static_cast<std::size_t>(kMaxRounds))
                    in.fail("a schedule holds at most " + std::to_string(kMaxRounds) + " rounds");
                schedule.rounds.push_back(in.integer(0, kMaxTimeMs));
            });
        } else in.unknown(name);
    });
    if (!has_seed) in.fail("missing field 'seed'");
    if (!has_min) in.fail("missing field 'min_gap_ms'");
    if (!has_max) in.fail("missing field 'max_gap_ms'");
    if (!has_mean) in.fail("missing field 'mean_gap_ms'");
    return schedule;
}

SamplingStudy read_sampling(Reader& in) {
    SamplingStudy study;
    in.object([&](std::string_view name) {
        if (name == "subjects") in.list([&](std::size_t) { study.subjects.push_back(read_subject(in)); });
        else if (name == "categories") in.list([&](std::size_t) { study.categories.push_back(read_category(in)); });
        else if (name == "target") study.target = read_target(in);
        else if (name == plan_range::units_produced.name) study.units_produced = in.number(plan_range::units_produced);
        else if (name == plan_range::sampling_rating_pct.name) study.rating_pct = in.number(plan_range::sampling_rating_pct);
        else if (name == plan_range::sampling_allowance_pct.name)
            study.allowance_pct = in.number(plan_range::sampling_allowance_pct);
        else if (name == "schedule") study.schedule = read_schedule(in);
        else in.unknown(name);
    });
    return study;
}

StudySettings read_settings(Reader& in, int version) {
    StudySettings s;
    in.object([&](std::string_view name) {
        if (name == "timing_mode") s.timing_mode = in.enumeration(parse_timing_mode, spellings_of_timing_mode, "timing mode");
        else if (name == "allowance_convention")
            s.allowance_convention = in.enumeration(parse_allowance_convention, spellings_of_allowance_convention,
                                                    "allowance convention");
        else if (name == plan_range::confidence_pct.name) s.confidence_pct = in.number(plan_range::confidence_pct);
        else if (name == "z_convention") s.z_convention = in.enumeration(parse_z_convention, spellings_of_z_convention, "z convention");
        else if (name == plan_range::z.name) s.z = in.number(plan_range::z);
        else if (name == plan_range::accuracy_pct.name) s.accuracy_pct = in.number(plan_range::accuracy_pct);
        else if (name == plan_range::accuracy_ms.name) s.accuracy_ms = in.number(plan_range::accuracy_ms);
        else if (name == "outlier_rule") s.outlier_rule = in.enumeration(parse_outlier_rule, spellings_of_outlier_rule, "outlier rule");
        else if (name == plan_range::takt_available_ms.name) s.takt_available_ms = in.integer(plan_range::takt_available_ms);
        else if (name == plan_range::takt_demand_units.name) s.takt_demand_units = in.number(plan_range::takt_demand_units);
        else if (name == plan_range::debounce_ms.name) s.debounce_ms = in.integer(plan_range::debounce_ms);
        else if (name == "required_cycles_method" && version >= 3)
            s.required_cycles_method = in.enumeration(parse_required_cycles_method, spellings_of_required_cycles_method,
                                                      "required cycles method");
        else in.unknown(name);
    });
    return s;
}

class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

using Span = std::pair<std::size_t, std::size_t>;

bool inside(const Span& part, const std::optional<Span>& whole) {
    return whole && part.first >= whole->first && part.second <= whole->second;
}

// The bytes of `span` with the zeros written with an exponent in it spelled 0.0, since RapidJSON
// 1.1.0 reads those as garbage at full precision (see Scan); `zeros` is in text order.
void append_for_cereal(std::string& out, std::string_view json, Span span, const std::vector<Span>& zeros) {
    auto zero = std::lower_bound(zeros.begin(), zeros.end(), Span{span.first, 0});
    std::size_t copied = span.first;
    for (; zero != zeros.end() && zero->second <= span.second; ++zero) {
        out.append(json.substr(copied, zero->first - copied)).append(json[zero->first] == '-' ? "-0.0" : "0.0");
        copied = zero->second;
    }
    out.append(json.substr(copied, span.second - copied));
}

// The text cereal reads: the events list emptied (the first pass read it), the steps list emptied
// when it is read in batches (read_steps_in_batches), and zeros spelled 0.0.
std::string text_for_cereal(std::string_view json, const Scan& scanned) {
    std::vector<std::pair<Span, std::string_view>> edits;
    if (scanned.events_span) edits.push_back({*scanned.events_span, "[]"});
    if (scanned.steps_span) edits.push_back({*scanned.steps_span, "[]"});
    for (const Span& zero : scanned.written_zeros)
        if (!inside(zero, scanned.events_span) && !inside(zero, scanned.steps_span))
            edits.push_back({zero, json[zero.first] == '-' ? "-0.0" : "0.0"});
    std::sort(edits.begin(), edits.end());
    std::string text;
    std::size_t copied = 0;
    for (const auto& [span, replacement] : edits) {
        text.append(json.substr(copied, span.first - copied)).append(replacement);
        copied = span.second;
    }
    text.append(json.substr(copied));
    return text;
}

// cereal reads JSON through a whole document (about 250 bytes a step): the steps the first pass
// found are read a few thousand at a time, each batch as the list of a small document of its own,
// with the same reader and the same places in messages (/steps/N/...).
constexpr std::size_t kStepsPerBatch = 4096;

void read_steps_in_batches(std::string_view json, const Scan& scanned, int version, std::vector<Step>& steps) {
    steps.reserve(steps.size() + scanned.step_spans.size());
    std::string batch;
    for (std::size_t first = 0; first < scanned.step_spans.size(); first += kStepsPerBatch) {
        const std::size_t end = std::min(first + kStepsPerBatch, scanned.step_spans.size());
        batch.assign("{\"steps\": [");
        for (std::size_t i = first; i < end; ++i) {
            if (i > first) batch += ',';
            append_for_cereal(batch, json, scanned.step_spans[i], scanned.written_zeros);
        }
        batch += "]}";
        MemoryBuffer buffer(batch);
        std::istream stream(&buffer);
        cereal::JSONInputArchive archive(stream);
        Reader in(archive);
        archive.getNodeName();  // "steps"
        in.push("steps");
        in.list([&](std::size_t) { steps.push_back(read_step(in, version)); }, first);
    }
}

}  // namespace

std::optional<Problem> read_plan(std::string_view json, const Scan& scanned, int version, PlanMembers& out) {
    const std::string text = text_for_cereal(json, scanned);
    Plan& plan = out.plan;
    try {
        MemoryBuffer buffer(text);
        std::istream stream(&buffer);
        cereal::JSONInputArchive archive(stream);
        Reader in(archive);
        std::set<std::string, std::less<>> seen;
        bool has_sampling = false;
        while (const char* raw_name = archive.getNodeName()) {
            const std::string name = raw_name;
            in.push(name);
            if (!seen.insert(name).second) in.fail("the field appears twice");
            if (name == "format_version") in.integer(version, version);  // the first pass chose this reader by it
            else if (name == "title") plan.title = in.text(), out.has_title = true;
            else if (name == "process") plan.process = in.text();
            else if (name == "area") plan.area = in.text();
            else if (name == "observer") plan.observer = in.text();
            else if (name == "notes") plan.notes = in.text();
            else if (name == "started_at") plan.started_at = in.text();
            else if (name == "settings") plan.settings = read_settings(in, version);
            else if (name == "steps") {
                // Empty if read in batches.
                in.list([&](std::size_t) { plan.steps.push_back(read_step(in, version)); });
                if (scanned.steps_span) read_steps_in_batches(json, scanned, version, plan.steps);
                out.has_steps = true;
            } else if (name == "queues" && version >= 2) {
                in.list([&](std::size_t) { plan.queues.push_back(read_queue(in)); });
            } else if (name == "improvement" && version >= 4) {
                plan.improvement = read_improvement(in);
            } else if (name == "study" && version >= 5) {
                plan.study = in.enumeration(parse_study_kind, spellings_of_study_kind, "study");
            } else if (name == "sampling" && version >= 5) {
                plan.sampling = read_sampling(in);
                has_sampling = true;
            } else if (name == "events") {
                in.list([](std::size_t) {});  // a list: the first pass read its events
            } else {
                in.unknown(name);
            }
            in.pop();
        }
        if (has_sampling && plan.study != StudyKind::work_sampling) {
            in.push("sampling");
            in.fail("a time study has no sampling; a work sampling study says \"study\": \"work_sampling\"");
        }
    } catch (const LoadFailure& failure) {
        return failure.problem;
    } catch (const cereal::Exception&) {
        // Every read above is guarded; this is a last line so no cereal message ever leaks raw.
        // (Its own text names RapidJSON's internals, which help no one who opens a file.)
        return Problem{"", "could not be read as a session; the file may be damaged"};
    }
    return std::nullopt;
}

// --------------------------------------------------------------------------------------------------
// Writing
// --------------------------------------------------------------------------------------------------

namespace {

void write_allowances(cereal::JSONOutputArchive& ar, const AllowanceItems& items) {
    using cereal::make_nvp;
    ar.setNextName("allowances");
    ar.startNode();
    for (const AllowanceFactorInfo& info : allowance_factors()) {
        const AllowanceLevel* level = items.chosen(info.factor);
        if (!level) continue;
        const std::string key(info.key);
        switch (info.written) {
            case AllowanceWritten::flag: ar(make_nvp(key.c_str(), true)); break;
            case AllowanceWritten::word: ar(make_nvp(key.c_str(), std::string(level->spelling))); break;
            case AllowanceWritten::number: ar(make_nvp(key.c_str(), static_cast<std::int64_t>(level->number))); break;
        }
    }
    ar.finishNode();
}

// A list member of objects, each written by `write_one`.
template <class T, class WriteOne>
void write_list(cereal::JSONOutputArchive& ar, const char* name, const std::vector<T>& items, WriteOne&& write_one) {
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    for (const T& item : items) {
        ar.startNode();
        write_one(item);
        ar.finishNode();
    }
    ar.finishNode();
}

void write_improvement(cereal::JSONOutputArchive& ar, const Improvement& improvement) {
    using cereal::make_nvp;
    ar.setNextName("improvement");
    ar.startNode();
    ar(make_nvp("doing_limit", improvement.doing_limit));
    write_list(ar, "problems", improvement.problems, [&](const RaisedProblem& problem) {
        ar(make_nvp("id", problem.id), make_nvp("title", problem.title));
        if (!problem.evidence.empty())
            write_list(ar, "evidence", problem.evidence, [&](const Evidence& e) {
                switch (e.kind) {
                    case EvidenceKind::event: ar(make_nvp("event", e.event)); break;
                    case EvidenceKind::step: ar(make_nvp("step", e.step)); break;
                    case EvidenceKind::waste:
                        ar(make_nvp("waste", std::string(to_string(e.waste))));
                        if (e.step != kNoStep) ar(make_nvp("step", e.step));
                        break;
                }
            });
        if (!problem.whys.empty())
            write_list(ar, "whys", problem.whys, [&](const WhyLevel& level) {
                if (!level.why.empty()) ar(make_nvp("why", level.why));
                ar(make_nvp("because", level.because));
                if (level.root_cause) ar(make_nvp("root_cause", true));
            });
        if (!problem.ideas.empty())
            write_list(ar, "ideas", problem.ideas, [&](const Idea& idea) {
                ar(make_nvp("id", idea.id), make_nvp("text", idea.text));
                if (!idea.proposed_by.empty()) ar(make_nvp("proposed_by", idea.proposed_by));
            });
    });
    write_list(ar, "actions", improvement.actions, [&](const Action& action) {
        ar(make_nvp("id", action.id), make_nvp("problem", action.problem));
        if (action.idea != 0) ar(make_nvp("idea", action.idea));
        ar(make_nvp("title", action.title));
        if (!action.owner.empty()) ar(make_nvp("owner", action.owner));
        if (!action.due.empty()) ar(make_nvp("due", action.due));
        ar(make_nvp("status", std::string(to_string(action.status))));
        if (const std::optional<ExpectedEffect>& effect = action.expected) {
            ar.setNextName("expected");
            ar.startNode();
            ar(make_nvp("metric", std::string(to_string(effect->metric))));
            if (metric_takes_step(effect->metric) && effect->step != kNoStep) ar(make_nvp("step", effect->step));
            if (metric_takes_waste(effect->metric)) ar(make_nvp("waste", std::string(to_string(effect->waste))));
            ar(make_nvp("direction", std::string(to_string(effect->direction))));
            ar.finishNode();
        }
    });
    ar.finishNode();
}

void write_sampling(cereal::JSONOutputArchive& ar, const SamplingStudy& study) {
    using cereal::make_nvp;
    ar.setNextName("sampling");
    ar.startNode();
    write_list(ar, "subjects", study.subjects, [&](const SamplingSubject& subject) {
        ar(make_nvp("id", subject.id), make_nvp("name", subject.name));
    });
    write_list(ar, "categories", study.categories, [&](const SamplingCategory& category) {
        ar(make_nvp("id", category.id), make_nvp("name", category.name),
           make_nvp("value_class", std::string(to_string(category.value_class))));
        if (category.waste) ar(make_nvp("waste", std::string(to_string(*category.waste))));
        if (!category.key.empty()) ar(make_nvp("key", category.key));
        if (category.absent) ar(make_nvp("absent", true));
    });
    if (const std::optional<SamplingTarget>& target = study.target) {
        ar.setNextName("target");
        ar.startNode();
        ar(make_nvp("category", target->category), make_nvp("accuracy", std::string(to_string(target->accuracy))),
           make_nvp("accuracy_pct", target->accuracy_pct));
        ar.finishNode();
    }
    if (study.units_produced) ar(make_nvp("units_produced", *study.units_produced));
    ar(make_nvp("rating_pct", study.rating_pct), make_nvp("allowance_pct", study.allowance_pct));
    if (const std::optional<SamplingSchedule>& schedule = study.schedule) {
        ar.setNextName("schedule");
        ar.startNode();
        ar(make_nvp("seed", std::to_string(schedule->seed)), make_nvp("utc_offset", schedule->utc_offset));
        write_list(ar, "days", schedule->days, [&](const SamplingDay& day) {
            ar(make_nvp("date", day.date), make_nvp("start", day.start), make_nvp("end", day.end));
            if (!day.breaks.empty())
                write_list(ar, "breaks", day.breaks, [&](const SamplingBreak& pause) {
                    ar(make_nvp("start", pause.start), make_nvp("end", pause.end));
                });
        });
        ar(make_nvp("min_gap_ms", schedule->min_gap_ms), make_nvp("max_gap_ms", schedule->max_gap_ms),
           make_nvp("mean_gap_ms", schedule->mean_gap_ms), make_nvp("late_after_ms", schedule->late_after_ms),
           make_nvp("grace_ms", schedule->grace_ms));
        ar.setNextName("rounds");
        ar.startNode();
        ar.makeArray();
        for (std::int64_t at : schedule->rounds) ar(at);
        ar.finishNode();
        ar.finishNode();
    }
    ar.finishNode();
}

void write_plan(cereal::JSONOutputArchive& ar, const Plan& s) {
    using cereal::make_nvp;
    ar(make_nvp("format_version", kFormatVersion), make_nvp("title", s.title), make_nvp("process", s.process),
       make_nvp("area", s.area), make_nvp("observer", s.observer), make_nvp("notes", s.notes),
       make_nvp("started_at", s.started_at));

    const StudySettings& st = s.settings;
    ar.setNextName("settings");
    ar.startNode();
    ar(make_nvp("timing_mode", std::string(to_string(st.timing_mode))),
       make_nvp("allowance_convention", std::string(to_string(st.allowance_convention))),
       make_nvp("confidence_pct", st.confidence_pct),
       make_nvp("z_convention", std::string(to_string(st.z_convention))));
    if (st.z) ar(make_nvp("z", *st.z));
    ar(make_nvp("accuracy_pct", st.accuracy_pct));
    if (st.accuracy_ms) ar(make_nvp("accuracy_ms", *st.accuracy_ms));
    ar(make_nvp("outlier_rule", std::string(to_string(st.outlier_rule))));
    if (st.takt_available_ms) ar(make_nvp("takt_available_ms", *st.takt_available_ms));
    if (st.takt_demand_units) ar(make_nvp("takt_demand_units", *st.takt_demand_units));
    ar(make_nvp("debounce_ms", st.debounce_ms));
    // Written only when chosen: a study without it reads as every version before 3 meant it.
    if (st.required_cycles_method != RequiredCyclesMethod::z_sample_sd)
        ar(make_nvp("required_cycles_method", std::string(to_string(st.required_cycles_method))));
    ar.finishNode();

    ar.setNextName("steps");
    ar.startNode();
    ar.makeArray();
    for (const Step& step : s.steps) {
        ar.startNode();
        ar(make_nvp("id", step.id), make_nvp("name", step.name),
           make_nvp("value_class", std::string(to_string(step.value_class))), make_nvp("rating_pct", step.rating_pct),
           make_nvp("allowance_pct", step.allowance_pct));
        if (!step.touched_by.empty()) {
            ar.setNextName("touched_by");
            ar.startNode();
            ar.makeArray();
            for (const std::string& who : step.touched_by) ar(who);
            ar.finishNode();
        }
        if (!step.what_happens.empty()) ar(make_nvp("what_happens", step.what_happens));
        if (step.changeover_ms) ar(make_nvp("changeover_ms", *step.changeover_ms));
        if (step.uptime_pct) ar(make_nvp("uptime_pct", *step.uptime_pct));
        if (step.people) ar(make_nvp("people", *step.people));
        if (step.shifts) ar(make_nvp("shifts", *step.shifts));
        if (step.batch_size) ar(make_nvp("batch_size", *step.batch_size));
        if (step.westinghouse) {
            ar.setNextName("westinghouse");
            ar.startNode();
            for (WestinghouseFactor factor : kWestinghouseFactors)
                ar(make_nvp(std::string(to_string(factor)).c_str(), std::string(step.westinghouse->of(factor).spelling)));
            ar.finishNode();
        }
        if (step.allowance_items.any()) write_allowances(ar, step.allowance_items);
        ar.finishNode();
    }
    ar.finishNode();

    ar.setNextName("queues");
    ar.startNode();
    ar.makeArray();
    for (const Queue& queue : s.queues) {
        ar.startNode();
        ar(make_nvp("id", queue.id), make_nvp("name", queue.name), make_nvp("before_step", queue.before_step));
        if (queue.wip_limit) ar(make_nvp("wip_limit", *queue.wip_limit));
        ar.finishNode();
    }
    ar.finishNode();

    // Written only when there is something: a walk that raised nothing reads as version 3 wrote it.
    if (!s.improvement.empty()) write_improvement(ar, s.improvement);
    // Written only for a work sampling study: a time study reads as version 4 wrote it.
    if (s.study == StudyKind::work_sampling) {
        ar(make_nvp("study", std::string(to_string(s.study))));
        write_sampling(ar, s.sampling);
    }
}

}  // namespace

std::string plan_json(const Plan& plan) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options(
                                                   rapidjson::Writer<rapidjson::StringBuffer>::kDefaultMaxDecimalPlaces,
                                                   cereal::JSONOutputArchive::Options::IndentChar::space, 2));
        write_plan(archive, plan);
    }
    return out.str();
}

}  // namespace gemba::detail
