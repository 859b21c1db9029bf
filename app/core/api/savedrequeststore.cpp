// SPDX-License-Identifier: MIT
#include "core/api/savedrequeststore.h"

#include "core/settings/profilestore.h"

#include <QSettings>

namespace allium {

namespace {

const QString GroupName = QStringLiteral("console/savedRequests");

} // namespace

SavedRequestStore::SavedRequestStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(ProfileStore::settingsOrganization(),
                                             ProfileStore::settingsApplication()))
{
    load();
}

SavedRequestStore::SavedRequestStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    load();
}

SavedRequestStore::~SavedRequestStore() = default;

QString SavedRequestStore::fileName() const
{
    return m_settings->fileName();
}

QStringList SavedRequestStore::names() const
{
    QStringList out;
    for (const ApiTemplate &t : m_requests)
        out.append(t.name);
    return out;
}

bool SavedRequestStore::contains(const QString &name) const
{
    return names().contains(name);
}

ApiTemplate SavedRequestStore::request(const QString &name) const
{
    for (const ApiTemplate &t : m_requests) {
        if (t.name == name)
            return t;
    }
    return {};
}

bool SavedRequestStore::save(const ApiTemplate &request, QString *error)
{
    ApiTemplate t = request;
    t.name = t.name.trimmed();
    t.path = t.path.trimmed();
    t.method = t.method.trimmed().toUpper();
    t.builtIn = false;
    QString problem;
    if (t.name.isEmpty())
        problem = QStringLiteral("a saved request needs a name");
    else if (!t.path.startsWith(QLatin1Char('/')))
        problem = QStringLiteral("the path must start with \"/\"");
    else if (t.bodyText.size() > MaxBodyChars)
        problem = QStringLiteral("the body is larger than %1 characters").arg(MaxBodyChars);
    else if (!contains(t.name) && m_requests.size() >= MaxRequests)
        problem = QStringLiteral("at most %1 saved requests").arg(MaxRequests);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    bool replaced = false;
    for (ApiTemplate &existing : m_requests) {
        if (existing.name == t.name) {
            existing = t;
            replaced = true;
        }
    }
    if (!replaced)
        m_requests.append(t);
    write();
    emit requestsChanged();
    return true;
}

bool SavedRequestStore::remove(const QString &name)
{
    const auto removed =
        m_requests.removeIf([&name](const ApiTemplate &t) { return t.name == name; });
    if (removed == 0)
        return false;
    write();
    emit requestsChanged();
    return true;
}

void SavedRequestStore::reload()
{
    m_settings->sync();
    load();
    emit requestsChanged();
}

void SavedRequestStore::load()
{
    m_requests.clear();
    const int count = m_settings->beginReadArray(GroupName);
    for (int i = 0; i < std::min(count, int(MaxRequests)); ++i) {
        m_settings->setArrayIndex(i);
        ApiTemplate t;
        t.name = m_settings->value(QStringLiteral("name")).toString().trimmed();
        t.method = m_settings->value(QStringLiteral("method")).toString().trimmed().toUpper();
        t.path = m_settings->value(QStringLiteral("path")).toString().trimmed();
        t.bodyText = m_settings->value(QStringLiteral("body")).toString();
        // A hand-edited file may hold junk or duplicates: keep the first valid one of a name.
        if (t.name.isEmpty() || !t.path.startsWith(QLatin1Char('/')) || contains(t.name) ||
            t.bodyText.size() > MaxBodyChars)
            continue;
        if (t.method.isEmpty())
            t.method = QStringLiteral("GET");
        m_requests.append(t);
    }
    m_settings->endArray();
}

void SavedRequestStore::write()
{
    m_settings->remove(GroupName);
    m_settings->beginWriteArray(GroupName, int(m_requests.size()));
    for (int i = 0; i < m_requests.size(); ++i) {
        m_settings->setArrayIndex(i);
        const ApiTemplate &t = m_requests.at(i);
        m_settings->setValue(QStringLiteral("name"), t.name);
        m_settings->setValue(QStringLiteral("method"), t.method);
        m_settings->setValue(QStringLiteral("path"), t.path);
        m_settings->setValue(QStringLiteral("body"), t.bodyText);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace allium
