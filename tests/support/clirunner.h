// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace allium {

/// What one allium-cli run left behind.
struct CliRun
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    /// stdout split into lines, without the empty one after the last newline.
    QList<QByteArray> lines() const;
};

/// Runs the built allium-cli for tests: in an environment of its own (HOME and XDG folders in
/// `homePath`, so never the user's settings or keychain), with the key only in ALLIUM_API_KEY,
/// while the calling test's event loop keeps serving (no blocking waits).
class CliRunner
{
public:
    explicit CliRunner(const QString &homePath);

    static QString executablePath();
    /// Starts allium-cli with `arguments`; an empty key leaves ALLIUM_API_KEY unset.
    void start(QProcess &process, const QStringList &arguments, const QString &key) const;
    /// Runs it to the end (killed after timeoutMs: exitCode stays -1); fails the whole test run
    /// if the key ever shows in its output.
    CliRun run(const QStringList &arguments, const QString &key, int timeoutMs = 15000) const;

private:
    QString m_homePath;
};

} // namespace allium
