// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// Shared by the libFuzzer targets: one QCoreApplication for the whole run (QObjects, timers and
// QLocale need it) and Qt's warnings silenced, so that the fuzzer's log shows its own progress.
// fuzzsupport.cpp, linked into every target, creates it from LLVMFuzzerInitialize.
namespace allium::fuzz {

inline void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "allium-fuzz";
    static char *argv[] = {name, nullptr};
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        // A qFatal (e.g. from QAbstractItemModelTester) is a finding: show it and crash.
        if (type == QtFatalMsg) {
            fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
    // Leaked on purpose: it lives as long as the process, like an application's own.
    new QCoreApplication(argc, argv);
}

/// The fuzzer's input as bytes (a copy: libFuzzer owns `data`).
inline QByteArray bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// A check of the fuzzed code's own contract; a violation is reported like a crash.
inline void require(bool condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "contract violated: %s\n", what);
        std::abort();
    }
}

} // namespace allium::fuzz
