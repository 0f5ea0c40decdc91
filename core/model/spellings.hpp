// A table of an enum's file spellings and the three lookups every enum of the model needs.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gemba::spellings {

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
std::string_view name_in(const Table<E, N>& table, E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}

template <class E, std::size_t N>
std::optional<E> parse_in(const Table<E, N>& table, std::string_view text) {
    for (const auto& [e, name] : table)
        if (name == text) return e;
    return std::nullopt;
}

// "a, b, c", for error messages.
template <class E, std::size_t N>
std::string list_of(const Table<E, N>& table) {
    std::string out;
    for (const auto& [e, name] : table) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

}  // namespace gemba::spellings
