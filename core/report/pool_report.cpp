#include "core/report/pool_report.hpp"

#include <sstream>

#include "core/file/utf8.hpp"
#include "core/report/csv.hpp"
#include "core/report/json_writer.hpp"
#include "core/report/numbers.hpp"
#include "core/report/text_summary.hpp"

namespace gemba {

namespace pool_parts {

std::string pad(const std::string& text, std::size_t width, bool right) {
    const std::size_t length = utf8_length(text);
    const std::string spaces(length < width ? width - length : 0, ' ');
    return right ? spaces + text : text + spaces;
}

std::string p_text(double p) { return p < 0.0001 ? "< 0.0001" : format_fixed(p, 4); }

std::string confidence_text(double pct) { return format_plain_number(pct) + " %"; }

std::string verdict_key(PoolVerdict verdict) {
    switch (verdict) {
        case PoolVerdict::observers_differ: return "observers_differ";
        case PoolVerdict::no_clear_difference: return "no_clear_difference";
        case PoolVerdict::not_tested: return "not_tested";
    }
    return "not_tested";
}

}  // namespace pool_parts

namespace {

using namespace pool_parts;

constexpr std::string_view kPooledOver = "all valid readings of every session taken as one sample";

std::string seconds_or_missing(const std::optional<double>& ms) {
    return ms ? format_seconds(*ms, 2) + " s" : std::string(kMissingMark);
}

void step_text(const PoolResult& pool, const PooledStep& step, std::ostream& out) {
    std::size_t width = 8;  // "Observer", "pooled"
    for (const std::string& o : pool.observers) width = std::max(width, utf8_length(o));
    width += 2;
    out << "\nStep: " << step.name << '\n';
    out << "  " << pad("Observer", width) << pad("n", 6, true) << pad("Mean", 12, true) << pad("SD", 12, true) << '\n';
    const auto row = [&](const std::string& who, const Descriptive& d) {
        out << "  " << pad(who, width) << pad(std::to_string(d.n), 6, true) << pad(seconds_or_missing(d.mean), 12, true)
            << pad(seconds_or_missing(d.sd), 12, true) << '\n';
    };
    for (std::size_t i = 0; i < step.per_session.size(); ++i) row(pool.observers[i], step.per_session[i]);
    row("pooled", step.pooled);
    if (step.anova && step.anova->f && step.anova->p_value) {
        out << "  ANOVA across " << step.tested_sessions.size() << " sessions: F = " << format_fixed(*step.anova->f, 2)
            << " (df " << step.anova->df_between << ", " << step.anova->df_within << "), p = " << p_text(*step.anova->p_value)
            << '\n';
    } else {
        out << "  ANOVA: none, " << step.not_tested_why << '\n';
    }
    out << "  Verdict at " << confidence_text(pool.confidence_pct) << ": " << to_string(step.verdict) << '\n';
}

}  // namespace

std::string pool_text(const PoolResult& pool, const std::vector<std::string>& files) {
    std::ostringstream out;
    out << "== Pooled study of " << files.size() << (files.size() == 1 ? " session" : " sessions") << " ==\n";
    for (std::size_t i = 0; i < files.size(); ++i) out << "  " << pool.observers[i] << "  (" << files[i] << ")\n";
    out << "Pooled n, mean and SD: over " << kPooledOver << ".\n";
    out << "Verdicts at " << confidence_text(pool.confidence_pct)
        << " confidence (the first session's): \"observers differ\" when the one-way ANOVA's p is below "
        << format_fixed(1.0 - pool.confidence_pct / 100.0, 4) << ".\n";
    if (pool.steps.empty()) out << "\nNo step is in every session under one name.\n";
    for (const PooledStep& step : pool.steps) step_text(pool, step, out);

    bool any_left_out = false;
    for (std::size_t i = 0; i < pool.left_out.size(); ++i) {
        if (pool.left_out[i].empty()) continue;
        if (!any_left_out) out << "\nSteps not pooled (steps match by name, never by position):\n";
        any_left_out = true;
        out << "  " << files[i] << ":\n";
        for (const LeftOutStep& s : pool.left_out[i]) out << "    " << s.name << " (step " << s.step << "): " << s.why << '\n';
    }

    out << "\nObserved time of all sessions: " << format_duration(static_cast<double>(pool.observed_ms))
        << " (rates per hour of it)\n";
    out << combined_tally_text(pool.waste_tally, files.size());

    if (!pool.kappa && files.size() > 2)
        out << "\nAgreement on waste tags (Cohen's kappa): choose two FILEs with --kappa-pair I,J.\n";
    if (pool.kappa) {
        const PoolAgreement& k = *pool.kappa;
        out << "\nAgreement on waste tags, " << files[k.a] << " and " << files[k.b]
            << " (Cohen's kappa; tags at most " << format_seconds(static_cast<double>(k.window_ms), 1)
            << " s apart on the wall clock are one event; --kappa-window-ms changes it):\n";
        if (!k.agreement) {
            out << "  " << k.why_not << '\n';
        } else if (!k.agreement->kappa) {
            out << "  no tag at all\n";
        } else {
            const KappaResult& r = *k.agreement->kappa;
            out << "  events " << r.items << ", p_o = " << format_fixed(r.p_observed, 3)
                << ", p_e = " << format_fixed(r.p_expected, 3);
            if (r.kappa)
                out << ", kappa = " << format_fixed(*r.kappa, 3) << ", " << confidence_text(pool.confidence_pct)
                    << " interval " << kappa_interval_text(r) << '\n';
            else
                out << ", kappa undefined (both used one and the same waste throughout)\n";
        }
    }
    return std::move(out).str();
}

void write_pool_json(std::ostream& sink, const PoolResult& pool, const std::vector<std::string>& files) {
    JsonWriter json(sink);
    json.begin_object();
    json.key("sessions").begin_array();
    for (std::size_t i = 0; i < files.size(); ++i)
        json.begin_object().key("file").value(files[i]).key("observer").value(pool.observers[i]).end_object();
    json.end_array();
    json.key("confidence_pct").value(pool.confidence_pct);
    json.key("z").value(pool.z);
    json.key("pooled_over").value(kPooledOver);

    const auto stats = [&json](const Descriptive& d) {
        json.key("n").value(static_cast<std::int64_t>(d.n)).key("mean_ms").value(d.mean).key("sd_ms").value(d.sd);
    };
    json.key("steps").begin_array();
    for (const PooledStep& step : pool.steps) {
        json.begin_object().key("key").value(step.key).key("name").value(step.name);
        json.key("sessions").begin_array();
        for (std::size_t i = 0; i < step.per_session.size(); ++i) {
            json.begin_object().key("file").value(files[i]).key("observer").value(pool.observers[i]);
            json.key("step_id").value(static_cast<std::int64_t>(step.steps[i]));
            stats(step.per_session[i]);
            json.end_object();
        }
        json.end_array();
        json.key("pooled").begin_object();
        stats(step.pooled);
        json.end_object();
        json.key("anova");
        if (!step.anova) {
            json.null();
        } else {
            const AnovaResult& a = *step.anova;
            json.begin_object().key("sessions").begin_array();
            for (std::size_t i : step.tested_sessions) json.value(static_cast<std::int64_t>(i));
            json.end_array();
            json.key("f").value(a.f).key("df_between").value(static_cast<std::int64_t>(a.df_between));
            json.key("df_within").value(static_cast<std::int64_t>(a.df_within)).key("p_value").value(a.p_value);
            json.key("ss_between").value(a.ss_between).key("ss_within").value(a.ss_within);
            json.key("ms_between").value(a.ms_between).key("ms_within").value(a.ms_within);
            json.end_object();
        }
        json.key("verdict").value(verdict_key(step.verdict));
        json.key("not_tested_why");
        if (step.not_tested_why.empty()) json.null(); else json.value(step.not_tested_why);
        json.end_object();
    }
    json.end_array();

    json.key("left_out").begin_array();
    for (std::size_t i = 0; i < pool.left_out.size(); ++i) {
        json.begin_object().key("file").value(files[i]).key("steps").begin_array();
        for (const LeftOutStep& s : pool.left_out[i])
            json.begin_object().key("step_id").value(static_cast<std::int64_t>(s.step)).key("name").value(s.name)
                .key("why").value(s.why).end_object();
        json.end_array().end_object();
    }
    json.end_array();

    json.key("waste_tally").begin_object();
    json.key("observed_ms").value(pool.observed_ms).key("total").value(static_cast<std::int64_t>(pool.waste_total));
    json.key("wastes").begin_array();
    for (const WasteCount& w : pool.waste_tally) {
        json.begin_object().key("waste").value(to_string(w.waste)).key("name").value(display_name(w.waste));
        json.key("count").value(static_cast<std::int64_t>(w.count)).key("timed_count").value(static_cast<std::int64_t>(w.timed_count));
        json.key("timed_ms").value(w.timed_ms).key("per_hour").value(w.per_hour).key("share").value(w.share);
        json.end_object();
    }
    json.end_array().end_object();

    json.key("kappa");
    if (!pool.kappa) {
        json.null();
    } else {
        const PoolAgreement& k = *pool.kappa;
        const KappaResult* r = k.agreement && k.agreement->kappa ? &*k.agreement->kappa : nullptr;
        json.begin_object().key("file_a").value(files[k.a]).key("file_b").value(files[k.b]);
        json.key("window_ms").value(k.window_ms).key("computed").value(r != nullptr);
        json.key("why_not");
        if (k.why_not.empty()) json.null(); else json.value(k.why_not);
        write_kappa_json_fields(json, r);
        json.key("confidence_pct").value(pool.confidence_pct);
        json.end_object();
    }
    json.end_object();
    json.flush();
    sink << '\n';
}

std::string kappa_interval_text(const KappaResult& kappa) {
    const std::optional<ShownKappaInterval> shown = shown_kappa_interval(kappa);
    if (!shown) return "—";
    return format_fixed(shown->low, 3) + " to " + format_fixed(shown->high, 3) +
           (shown->cut ? " (cut to κ's range −1 to 1)" : "");
}

void write_kappa_json_fields(JsonWriter& json, const KappaResult* kappa) {
    if (kappa) {
        json.key("items").value(kappa->items).key("p_observed").value(kappa->p_observed).key("p_expected").value(kappa->p_expected);
        json.key("kappa").value(kappa->kappa).key("standard_error").value(kappa->standard_error);
        json.key("low").value(kappa->low).key("high").value(kappa->high);
    } else {
        for (const char* name : {"items", "p_observed", "p_expected", "kappa", "standard_error", "low", "high"})
            json.key(name).null();
    }
}

std::string pool_csv(const PoolResult& pool, const std::vector<std::string>& files) {
    std::string out = "\xEF\xBB\xBF";  // as the other CSV files: spreadsheets read UTF-8 by it
    const auto line = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
        out += "\r\n";
    };
    const auto fixed = [](const std::optional<double>& v, int decimals) { return v ? format_fixed(*v, decimals) : ""; };
    const auto secs = [](const std::optional<double>& ms) { return ms ? format_seconds(*ms, 3) : ""; };
    line({"row", "step", "step_key", "file", "observer", "n", "mean_s", "sd_s", "f", "df_between", "df_within", "p_value",
          "verdict"});
    for (const PooledStep& step : pool.steps) {
        for (std::size_t i = 0; i < step.per_session.size(); ++i) {
            const Descriptive& d = step.per_session[i];
            line({"observer", csv_field(step.name, true), csv_field(step.key, true), csv_field(files[i], true),
                  csv_field(pool.observers[i], true), std::to_string(d.n), secs(d.mean), secs(d.sd), "", "", "", "", ""});
        }
        const Descriptive& d = step.pooled;
        const bool tested = step.anova && step.anova->f;
        line({"pooled", csv_field(step.name, true), csv_field(step.key, true), "", "", std::to_string(d.n), secs(d.mean),
              secs(d.sd), tested ? fixed(step.anova->f, 6) : "",
              tested ? std::to_string(step.anova->df_between) : "", tested ? std::to_string(step.anova->df_within) : "",
              tested ? fixed(step.anova->p_value, 6) : "", verdict_key(step.verdict)});
    }
    return out;
}

}  // namespace gemba
