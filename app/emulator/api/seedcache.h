// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

namespace allium {

/// What a seed's answers share whatever the request (a listing `T`, built from the seed by
/// `T(seed)`): built on first use, then kept for every responder of that seed on any thread.
/// Rebuilding the listings per request cost tens of ms on the emulator's thread, which stalled
/// its streams.
template <typename T>
class SeedCache
{
public:
    static std::shared_ptr<const T> get(quint64 seed)
    {
        std::shared_ptr<Entry> entry = entryFor(seed);
        // Built outside the cache's lock: another seed's request does not wait for it.
        std::call_once(entry->once, [&entry, seed] { entry->value = std::make_shared<T>(seed); });
        return entry->value;
    }

private:
    struct Entry
    {
        quint64 seed = 0;
        std::once_flag once;
        std::shared_ptr<const T> value;
    };

    static std::shared_ptr<Entry> entryFor(quint64 seed)
    {
        // A few seeds at most in practice (one per emulator; tests use several): keep the most
        // recently used ones.
        static QMutex mutex;
        static std::vector<std::shared_ptr<Entry>> recent;
        constexpr size_t MaxSeeds = 8;
        const QMutexLocker lock(&mutex);
        auto it = std::find_if(recent.begin(), recent.end(),
                               [seed](const auto &e) { return e->seed == seed; });
        std::shared_ptr<Entry> entry;
        if (it != recent.end()) {
            entry = *it;
            recent.erase(it);
        } else {
            entry = std::make_shared<Entry>();
            entry->seed = seed;
        }
        recent.insert(recent.begin(), entry);
        if (recent.size() > MaxSeeds)
            recent.pop_back();
        return entry;
    }
};

} // namespace allium
