#include "core/report/sampling_pool_report.hpp"

#include <algorithm>
#include <sstream>

#include "core/file/utf8.hpp"
#include "core/report/csv.hpp"
#include "core/report/json_writer.hpp"
#include "core/report/pool_report.hpp"
#include "core/report/numbers.hpp"

namespace gemba {
namespace {

using namespace pool_parts;

constexpr std::string_view kSharesOver =
    "each observer's observations in the pooled categories, absent / not observable left out; pooled over all of them";

// The category of the chi-square table's column `j` (an index into columns_used).
const PooledCategory& tested_category(const SamplingPoolResult& pool, std::size_t column) {
    return pool.categories[pool.independence.categories_tested[column]];
}

// A category's label in the tables: an absent one says it is not in n.
std::string category_label(const PooledCategory& c) { return c.absent ? c.name + " (not in n)" : c.name; }

void categories_text(const SamplingPoolResult& pool, std::ostream& out) {
    std::size_t name_width = 8;  // "Category"
    for (const PooledCategory& c : pool.categories) name_width = std::max(name_width, utf8_length(category_label(c)));
    name_width += 2;
    // Per observer (and pooled) a count column and a share column, the name over both.
    constexpr std::size_t kCount = 6, kShare = 9;
    std::vector<std::size_t> widths;
    for (const std::string& o : pool.observers) widths.push_back(std::max(kCount + kShare, utf8_length(o) + 2));
    widths.push_back(kCount + kShare);
    out << "  " << pad("Category", name_width);
    for (std::size_t s = 0; s < pool.observers.size(); ++s) out << pad(pool.observers[s], widths[s], true);
    out << pad("pooled", widths.back(), true) << "   Wilson " << confidence_text(pool.confidence_pct) << '\n';
    const auto cell = [](std::int64_t count, const std::optional<double>& share, std::size_t width) {
        return pad(std::to_string(count), width - kShare, true) + pad(percent_or_missing(share), kShare, true);
    };
    for (const PooledCategory& c : pool.categories) {
        out << "  " << pad(category_label(c), name_width);
        for (std::size_t s = 0; s < c.counts.size(); ++s) out << cell(c.counts[s], c.shares[s], widths[s]);
        const std::optional<double> share = c.pooled ? std::optional<double>(c.pooled->share) : std::nullopt;
        out << cell(c.count, share, widths.back());
        if (c.pooled)
            out << "   " << format_percent(c.pooled->wilson.low) << " to " << format_percent(c.pooled->wilson.high);
        out << '\n';
    }
    out << "  " << pad("n", name_width);
    for (std::size_t s = 0; s < pool.observations.size(); ++s)
        out << pad(std::to_string(pool.observations[s]), widths[s] - kShare, true) << std::string(kShare, ' ');
    out << pad(std::to_string(pool.pooled_observations), widths.back() - kShare, true) << '\n';
}

void independence_text(const SamplingPoolResult& pool, std::ostream& out) {
    const SamplingIndependence& t = pool.independence;
    out << "\nDo the observers differ? Chi-square test of independence (observers × categories, no continuity "
           "correction):\n";
    for (const std::string& why : t.left_out) out << "  left out: " << why << '\n';
    if (t.test) {
        const ChiSquareResult& r = *t.test;
        out << "  " << t.sessions_tested.size() << " observers × " << t.categories_tested.size()
            << " categories, N = " << r.total << ": chi-square = " << format_fixed(r.statistic, 2) << ", df " << r.df
            << ", p = " << p_text(r.p_value) << '\n';
        if (r.low_expected_cells.empty()) {
            out << "  every expected count is 5 or more\n";
        } else {
            out << "  expected counts below 5: " << r.low_expected_cells.size() << " of "
                << r.expected.size() * (r.expected.empty() ? 0 : r.expected.front().size()) << " cells ("
                << format_percent(r.low_expected_share) << "):";
            for (std::size_t i = 0; i < r.low_expected_cells.size(); ++i) {
                const auto [row, col] = r.low_expected_cells[i];
                out << (i == 0 ? " " : "; ") << pool.observers[t.sessions_tested[row]] << " × " << tested_category(pool, col).name;
            }
            out << '\n';
            if (r.low_expected_share > 0.2 || r.any_expected_below_1)
                out << "  the test is doubtful: more than 20 % of the expected counts are below 5, or one is below 1"
                       " (Cochran)\n";
        }
    }
    out << "  Verdict at " << confidence_text(pool.confidence_pct) << ": " << to_string(t.verdict);
    if (!t.test) out << ": " << t.not_tested_why;
    out << '\n';
}

void left_out_text(const SamplingPoolResult& pool, const std::vector<std::string>& files, std::ostream& out) {
    const auto list = [&](const std::vector<std::vector<SamplingLeftOut>>& lists, const char* title, const char* thing) {
        bool any = false;
        for (std::size_t s = 0; s < lists.size(); ++s) {
            if (lists[s].empty()) continue;
            if (!any) out << '\n' << title << '\n';
            any = true;
            out << "  " << files[s] << ":\n";
            for (const SamplingLeftOut& l : lists[s])
                out << "    " << l.name << " (" << thing << ' ' << l.id << ", " << l.observations
                    << (l.observations == 1 ? " observation" : " observations") << "): " << l.why << '\n';
        }
    };
    list(pool.left_out_categories, "Categories not pooled (matched by name, never by id or position; their observations are in no n):",
         "category");
    list(pool.left_out_subjects, "Subjects not pooled (their observations count in the shares but pair for no kappa):", "subject");
}

void kappa_text(const SamplingPoolResult& pool, const std::vector<std::string>& files, std::ostream& out) {
    if (!pool.kappa) {
        if (files.size() > 2) out << "\nAgreement (Cohen's kappa): choose two FILEs with --kappa-pair I,J.\n";
        return;
    }
    const SamplingAgreement& k = *pool.kappa;
    out << "\nAgreement of " << files[k.a] << " and " << files[k.b]
        << " (Cohen's kappa on observations paired by round and subject; absent / not observable is a category of its own):\n";
    if (!k.why_not.empty()) {
        out << "  " << k.why_not << '\n';
    } else {
        const KappaResult& r = *k.kappa;
        out << "  pairs " << r.items << ", p_o = " << format_fixed(r.p_observed, 3) << ", p_e = " << format_fixed(r.p_expected, 3);
        if (r.kappa)
            out << ", kappa = " << format_fixed(*r.kappa, 3) << ", " << confidence_text(pool.confidence_pct) << " interval "
                << kappa_interval_text(r) << '\n';
        else
            out << ", kappa undefined (both used one and the same category throughout)\n";
        // The table with numbered columns: a row per category of a's, a column per category of b's.
        std::size_t name_width = 0;
        for (std::size_t c : k.categories) name_width = std::max(name_width, utf8_length(pool.categories[c].name));
        name_width += 6;
        std::size_t column = 5;
        for (const std::vector<std::int64_t>& row : k.table)
            for (std::int64_t n : row) column = std::max(column, std::to_string(n).size() + 2);
        out << "  rows: " << files[k.a] << ", columns: " << files[k.b] << '\n';
        out << "  " << pad("", name_width);
        for (std::size_t i = 0; i < k.categories.size(); ++i) out << pad(std::to_string(i + 1), column, true);
        out << '\n';
        for (std::size_t i = 0; i < k.categories.size(); ++i) {
            out << "  " << pad(pad(std::to_string(i + 1), 2, true) + "  " + pool.categories[k.categories[i]].name, name_width);
            for (std::int64_t n : k.table[i]) out << pad(std::to_string(n), column, true);
            out << '\n';
        }
    }
    if (k.pairs + k.only_a + k.only_b + k.not_pooled_a + k.not_pooled_b == 0) return;  // nothing was paired
    out << "  unpaired: " << k.only_a << " only in " << files[k.a] << ", " << k.only_b << " only in " << files[k.b]
        << "; not pooled (category or subject): " << k.not_pooled_a << ", " << k.not_pooled_b << '\n';
}

}  // namespace

std::string sampling_pool_text(const SamplingPoolResult& pool, const std::vector<std::string>& files) {
    std::ostringstream out;
    out << "== Pooled work sampling study of " << files.size() << (files.size() == 1 ? " session" : " sessions") << " ==\n";
    for (std::size_t i = 0; i < files.size(); ++i) out << "  " << pool.observers[i] << "  (" << files[i] << ")\n";
    out << "Shares over " << kSharesOver << ".\n";
    out << "Verdict at " << confidence_text(pool.confidence_pct)
        << " confidence (the first session's): \"observers differ\" when the chi-square test's p is below "
        << format_fixed(1.0 - pool.confidence_pct / 100.0, 4) << ".\n\n";
    if (pool.categories.empty()) out << "No category is in every session under one name.\n";
    else categories_text(pool, out);
    independence_text(pool, out);
    left_out_text(pool, files, out);
    kappa_text(pool, files, out);
    return std::move(out).str();
}

void write_sampling_pool_json(std::ostream& sink, const SamplingPoolResult& pool, const std::vector<std::string>& files) {
    JsonWriter json(sink);
    const auto text_or_null = [&json](const std::string& text) {
        if (text.empty()) json.null();
        else json.value(text);
    };
    json.begin_object();
    json.key("sampling_pool_format_version").value(std::int64_t{1});
    json.key("sessions").begin_array();
    for (std::size_t i = 0; i < files.size(); ++i)
        json.begin_object().key("file").value(files[i]).key("observer").value(pool.observers[i])
            .key("observations").value(pool.observations[i]).key("absent").value(pool.absent[i]).end_object();
    json.end_array();
    json.key("confidence_pct").value(pool.confidence_pct).key("z").value(pool.z);
    json.key("shares_over").value(kSharesOver);
    json.key("observations").value(pool.pooled_observations).key("absent").value(pool.pooled_absent);

    json.key("categories").begin_array();
    for (const PooledCategory& c : pool.categories) {
        json.begin_object().key("key").value(c.key).key("name").value(c.name).key("absent").value(c.absent);
        json.key("sessions").begin_array();
        for (std::size_t s = 0; s < c.counts.size(); ++s)
            json.begin_object().key("file").value(files[s]).key("observer").value(pool.observers[s])
                .key("category_id").value(c.categories[s]).key("count").value(c.counts[s]).key("share").value(c.shares[s])
                .end_object();
        json.end_array();
        json.key("count").value(c.count).key("pooled");
        if (!c.pooled) {
            json.null();
        } else {
            const sampling::ShareEstimate& e = *c.pooled;
            json.begin_object().key("share").value(e.share).key("normal_low").value(e.normal.low)
                .key("normal_high").value(e.normal.high).key("wilson_low").value(e.wilson.low)
                .key("wilson_high").value(e.wilson.high).end_object();
        }
        json.end_object();
    }
    json.end_array();

    json.key("subjects").begin_array();
    for (const PooledSubject& j : pool.subjects) {
        json.begin_object().key("key").value(j.key).key("name").value(j.name).key("subject_ids").begin_array();
        for (SubjectId id : j.subjects) json.value(id);
        json.end_array().end_object();
    }
    json.end_array();

    json.key("left_out").begin_array();
    for (std::size_t s = 0; s < files.size(); ++s) {
        json.begin_object().key("file").value(files[s]);
        const auto list = [&](const char* name, const char* id_key, const std::vector<SamplingLeftOut>& items) {
            json.key(name).begin_array();
            for (const SamplingLeftOut& l : items)
                json.begin_object().key(id_key).value(l.id).key("name").value(l.name).key("observations")
                    .value(l.observations).key("why").value(l.why).end_object();
            json.end_array();
        };
        list("categories", "category_id", pool.left_out_categories[s]);
        list("subjects", "subject_id", pool.left_out_subjects[s]);
        json.end_object();
    }
    json.end_array();

    const SamplingIndependence& t = pool.independence;
    json.key("independence").begin_object();
    json.key("sessions").begin_array();
    for (std::size_t s : t.sessions_tested) json.value(static_cast<std::int64_t>(s));
    json.end_array().key("categories").begin_array();
    for (std::size_t c : t.categories_tested) json.value(pool.categories[c].key);
    json.end_array().key("left_out").begin_array();
    for (const std::string& why : t.left_out) json.value(why);
    json.end_array();
    if (t.test) {
        const ChiSquareResult& r = *t.test;
        json.key("statistic").value(r.statistic).key("df").value(static_cast<std::int64_t>(r.df));
        json.key("p_value").value(r.p_value).key("total").value(r.total);
        json.key("expected_below_5").begin_array();
        for (const auto& [row, col] : r.low_expected_cells)
            json.begin_object().key("file").value(files[t.sessions_tested[row]])
                .key("category").value(tested_category(pool, col).name).end_object();
        json.end_array();
        json.key("low_expected_share").value(r.low_expected_share).key("any_expected_below_1").value(r.any_expected_below_1);
    } else {
        for (const char* name : {"statistic", "df", "p_value", "total"}) json.key(name).null();
        json.key("expected_below_5").begin_array().end_array();
        json.key("low_expected_share").null().key("any_expected_below_1").null();
    }
    json.key("verdict").value(verdict_key(t.verdict)).key("not_tested_why");
    text_or_null(t.not_tested_why);
    json.end_object();

    json.key("kappa");
    if (!pool.kappa) {
        json.null();
    } else {
        const SamplingAgreement& k = *pool.kappa;
        const KappaResult* r = k.kappa && k.kappa->kappa ? &*k.kappa : nullptr;
        json.begin_object().key("file_a").value(files[k.a]).key("file_b").value(files[k.b]);
        json.key("computed").value(r != nullptr).key("why_not");
        if (!k.why_not.empty()) json.value(k.why_not);
        else if (!r) json.value("kappa undefined: both used one and the same category throughout");
        else json.null();
        json.key("categories").begin_array();
        for (std::size_t c : k.categories) json.value(pool.categories[c].name);
        json.end_array().key("table").begin_array();
        for (const std::vector<std::int64_t>& row : k.table) {
            json.begin_array();
            for (std::int64_t n : row) json.value(n);
            json.end_array();
        }
        json.end_array();
        json.key("pairs").value(k.pairs).key("only_a").value(k.only_a).key("only_b").value(k.only_b);
        json.key("not_pooled_a").value(k.not_pooled_a).key("not_pooled_b").value(k.not_pooled_b);
        write_kappa_json_fields(json, r);
        json.key("confidence_pct").value(pool.confidence_pct);
        json.end_object();
    }
    json.end_object();
    json.flush();
    sink << '\n';
}

std::string sampling_pool_csv(const SamplingPoolResult& pool, const std::vector<std::string>& files) {
    std::string out = "\xEF\xBB\xBF";  // as the other CSV files: spreadsheets read UTF-8 by it
    const auto line = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
        out += "\r\n";
    };
    const auto fixed = [](const std::optional<double>& v) { return v ? format_fixed(*v, 6) : ""; };
    line({"row", "category", "category_key", "absent", "file", "observer", "count", "n", "share", "wilson_low",
          "wilson_high"});
    for (const PooledCategory& c : pool.categories) {
        const std::string absent = c.absent ? "true" : "false";
        for (std::size_t s = 0; s < c.counts.size(); ++s)
            line({"observer", csv_field(c.name, true), csv_field(c.key, true), absent, csv_field(files[s], true),
                  csv_field(pool.observers[s], true), std::to_string(c.counts[s]), std::to_string(pool.observations[s]),
                  fixed(c.shares[s]), "", ""});
        line({"pooled", csv_field(c.name, true), csv_field(c.key, true), absent, "", "", std::to_string(c.count),
              std::to_string(pool.pooled_observations),
              c.pooled ? format_fixed(c.pooled->share, 6) : "", c.pooled ? format_fixed(c.pooled->wilson.low, 6) : "",
              c.pooled ? format_fixed(c.pooled->wilson.high, 6) : ""});
    }
    return out;
}

}  // namespace gemba
