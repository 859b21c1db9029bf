// SPDX-License-Identifier: MIT
#include "support/clirunner.h"

#include <QDir>
#include <QSignalSpy>

namespace allium {

QList<QByteArray> CliRun::lines() const
{
    QList<QByteArray> result = out.split('\n');
    if (!result.isEmpty() && result.constLast().isEmpty())
        result.removeLast();
    return result;
}

CliRunner::CliRunner(const QString &homePath)
    : m_homePath(homePath)
{}

QString CliRunner::executablePath()
{
    return QStringLiteral(ALLIUM_CLI_PATH);
}

void CliRunner::start(QProcess &process, const QStringList &arguments, const QString &key) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("ALLIUM_API_KEY"));
    if (!key.isEmpty())
        environment.insert(QStringLiteral("ALLIUM_API_KEY"), key);
    const QDir home(m_homePath);
    environment.insert(QStringLiteral("HOME"), m_homePath);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(environment);
    process.start(executablePath(), arguments);
}

CliRun CliRunner::run(const QStringList &arguments, const QString &key, int timeoutMs) const
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    start(process, arguments, key);
    CliRun result;
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        qWarning("allium-cli %s did not finish; stderr: %s", qPrintable(arguments.join(u' ')),
                 process.readAllStandardError().constData());
        return result;
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (!key.isEmpty() && (result.out.contains(key.toUtf8()) || result.err.contains(key.toUtf8())))
        qFatal("the API key appeared in allium-cli's output");
    return result;
}

} // namespace allium
