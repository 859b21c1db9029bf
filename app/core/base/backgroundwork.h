// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <memory>
#include <type_traits>

namespace allium {

/// Clean-up work that must not run on the GUI thread (freeing a million messages, trimming the
/// heap), on a low-priority pool of its own. Not QThreadPool::globalInstance(): Qt 6.4's raster
/// paint engine splits large fills over that pool and waits for them, so a long job queued there
/// held the window's next repaint (150-250 ms after a topic switch with 1 M messages).
class BackgroundWork
{
public:
    static void run(std::function<void()> job);

    /// Drops the last reference to `doomed` on the pool.
    template <typename T>
    static void release(T &&doomed)
    {
        auto holder = std::make_shared<std::decay_t<T>>(std::forward<T>(doomed));
        run([holder] { *holder = std::decay_t<T>{}; });
    }

    /// Waits until every queued job has run (tests, and measurements of memory given back).
    static void waitForDone();
};

} // namespace allium
