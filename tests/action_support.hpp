// An action of problem 1 for the board's and the actions command's tests.
#pragma once

#include <string>
#include <utility>

#include "core/model/improvement.hpp"

namespace gemba::test {

inline Action action(ActionId id, std::string title, std::string owner, std::string due, ActionStatus status) {
    Action a;
    a.id = id;
    a.problem = 1;
    a.title = std::move(title);
    a.owner = std::move(owner);
    a.due = std::move(due);
    a.status = status;
    return a;
}

}  // namespace gemba::test
