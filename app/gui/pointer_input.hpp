// Pointer input as it happened, handed to ImGui one button change per frame.
//
// ImGui 1.86's GLFW backend polls the pointer once a frame: it takes the position the pointer has
// when the frame starts, and a button pressed since the last frame is down for that one frame. So
// two taps between two frames count as one; a tap on B that arrives before the frame that sees the
// release of A loses both (A is released away from A, B never sees its press); and a tap counts
// where the pointer went afterwards. Under load, or while a tap's frame writes the journal, frames
// are far apart and such taps were lost. The GLFW callbacks queue every move and button change
// instead, with the moment it arrived, and each frame takes the moves up to the next button change
// and that change alone: ImGui sees every press and every release, in order, where it happened.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>

namespace gemba::gui {

class PointerQueue {
public:
    static constexpr int kButtons = 5;  // ImGuiMouseButton_COUNT

    struct Position {
        float x = 0, y = 0;
    };

    // From the GLFW callbacks, in the order they come.
    void moved(double x, double y) { events_.push_back({Kind::move, {static_cast<float>(x), static_cast<float>(y)}, 0, 0}); }
    void button(int button, bool pressed, std::int64_t at_ms) {
        if (button < 0 || button >= kButtons) return;
        events_.push_back({pressed ? Kind::press : Kind::release, {}, button, at_ms});
    }

    // What one frame shows ImGui.
    struct Frame {
        // Where the pointer was at this frame's last queued event; empty when the frame took none
        // (the pointer's position now, as the backend reads it, is right then).
        std::optional<Position> position;
        std::array<bool, kButtons> down{};
        std::optional<std::int64_t> pressed_at_ms;  // a press taken by this frame: when it arrived
    };

    // Takes the queued moves up to and including the next button change.
    Frame next_frame() {
        Frame frame;
        while (!events_.empty()) {
            const Event event = events_.front();
            events_.pop_front();
            if (event.kind == Kind::move) {
                position_ = event.position;
                frame.position = position_;
                continue;
            }
            down_[static_cast<std::size_t>(event.button)] = event.kind == Kind::press;
            if (event.kind == Kind::press) frame.pressed_at_ms = event.at_ms;
            frame.position = position_;  // empty before the first move: the backend's then
            break;
        }
        frame.down = down_;
        return frame;
    }

    // Events wait for later frames: the loop must not sleep yet.
    bool pending() const { return !events_.empty(); }

private:
    enum class Kind { move, press, release };
    struct Event {
        Kind kind;
        Position position;
        int button;
        std::int64_t at_ms;
    };
    std::deque<Event> events_;
    std::optional<Position> position_;  // the latest move taken
    std::array<bool, kButtons> down_{};
};

}  // namespace gemba::gui
