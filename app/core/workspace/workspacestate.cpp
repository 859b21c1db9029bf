// SPDX-License-Identifier: MIT
#include "core/workspace/workspacestate.h"

#include "core/filter/filter.h"
#include "core/stream/topiccatalogue.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace allium {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("allium::WorkspaceState", text);
}

QByteArray fromBase64(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

} // namespace

bool WorkspaceStream::operator==(const WorkspaceStream &other) const
{
    return topic == other.topic && filter == other.filter && running == other.running &&
           pane == other.pane && chartField == other.chartField && panelState == other.panelState &&
           tableState == other.tableState;
}

bool WorkspaceState::operator==(const WorkspaceState &other) const
{
    return streams == other.streams && currentLeft == other.currentLeft &&
           currentRight == other.currentRight && focusedPane == other.focusedPane &&
           splitterState == other.splitterState && budgetBytes == other.budgetBytes;
}

QByteArray WorkspaceState::toJson() const
{
    QJsonArray list;
    for (const WorkspaceStream &stream : streams) {
        QJsonObject object{
            {QStringLiteral("topic"), stream.topic},
            {QStringLiteral("running"), stream.running},
            {QStringLiteral("pane"), stream.pane},
            {QStringLiteral("chartField"), stream.chartField},
            {QStringLiteral("panelState"), QString::fromLatin1(stream.panelState.toBase64())},
            {QStringLiteral("tableState"), QString::fromLatin1(stream.tableState.toBase64())},
        };
        if (!stream.filter.isEmpty())
            object.insert(QStringLiteral("filter"), QString::fromUtf8(stream.filter));
        list.append(object);
    }
    const QJsonObject root{
        {QStringLiteral("version"), 1},
        {QStringLiteral("streams"), list},
        {QStringLiteral("currentLeft"), currentLeft},
        {QStringLiteral("currentRight"), currentRight},
        {QStringLiteral("focusedPane"), focusedPane},
        {QStringLiteral("splitter"), QString::fromLatin1(splitterState.toBase64())},
        {QStringLiteral("budgetBytes"), QString::number(budgetBytes)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<WorkspaceState> WorkspaceState::fromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &reason) -> std::optional<WorkspaceState> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (json.size() > MaxJsonBytes)
        return fail(tr("the saved workspace is larger than 4 MB"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return fail(tr("the saved workspace is not a JSON object (%1)")
                        .arg(parseError.error == QJsonParseError::NoError
                                 ? tr("wrong type")
                                 : parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return fail(tr("the saved workspace has an unknown version"));

    WorkspaceState state;
    const QJsonArray list = root.value(QStringLiteral("streams")).toArray();
    for (const QJsonValue &value : list) {
        if (state.streams.size() >= MaxStreams)
            break;
        const QJsonObject object = value.toObject();
        WorkspaceStream stream;
        stream.topic = object.value(QStringLiteral("topic")).toString();
        // A stream whose topic is no longer valid opens empty, for the user to choose one.
        if (!stream.topic.isEmpty() && !TopicCatalogue::isValidTopicName(stream.topic))
            stream.topic.clear();
        const QString filter = object.value(QStringLiteral("filter")).toString();
        if (!filter.isEmpty() && Filter::parse(filter.toUtf8()).ok())
            stream.filter = filter.toUtf8();
        stream.running = object.value(QStringLiteral("running")).toBool();
        stream.pane = object.value(QStringLiteral("pane")).toInt() == 1 ? 1 : 0;
        stream.chartField = object.value(QStringLiteral("chartField")).toString().left(1024);
        stream.panelState = fromBase64(object.value(QStringLiteral("panelState")));
        stream.tableState = fromBase64(object.value(QStringLiteral("tableState")));
        state.streams.append(stream);
    }
    state.currentLeft = std::max(0, root.value(QStringLiteral("currentLeft")).toInt());
    state.currentRight = std::max(0, root.value(QStringLiteral("currentRight")).toInt());
    state.focusedPane = root.value(QStringLiteral("focusedPane")).toInt() == 1 ? 1 : 0;
    state.splitterState = fromBase64(root.value(QStringLiteral("splitter")));
    state.budgetBytes =
        std::max<qint64>(0, root.value(QStringLiteral("budgetBytes")).toString().toLongLong());
    return state;
}

} // namespace allium
