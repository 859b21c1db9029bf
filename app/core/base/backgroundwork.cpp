// SPDX-License-Identifier: MIT
#include "core/base/backgroundwork.h"

#include <QThread>
#include <QThreadPool>

namespace allium {

namespace {

struct Pool
{
    Pool()
    {
        // One thread keeps frees in order and leaves the other core to the GUI and the network.
        threads.setMaxThreadCount(1);
        threads.setThreadPriority(QThread::LowPriority);
        threads.setObjectName(QStringLiteral("allium-background"));
    }
    QThreadPool threads; // waits for its jobs when destroyed at exit
};

QThreadPool *pool()
{
    static Pool instance;
    return &instance.threads;
}

} // namespace

void BackgroundWork::run(std::function<void()> job)
{
    pool()->start(std::move(job));
}

void BackgroundWork::waitForDone()
{
    pool()->waitForDone();
}

} // namespace allium
