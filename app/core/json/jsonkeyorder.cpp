// SPDX-License-Identifier: MIT
#include "core/json/jsonkeyorder.h"

#include <QSet>

#include <simdjson.h>

namespace allium {

namespace {

class KeyWalk
{
public:
    explicit KeyWalk(int maxDepth)
        : m_maxDepth(maxDepth)
    {}

    void walk(simdjson::dom::object object, const QString &prefix, int depth)
    {
        for (const auto field : object) {
            const QString key = QString::fromUtf8(field.key.data(), qsizetype(field.key.size()));
            const QString path = prefix + key;
            if (!m_seen.contains(path)) {
                if (m_seen.size() >= JsonKeyOrder::MaxKeys)
                    return;
                m_seen.insert(path);
                m_order[prefix].append(key);
            }
            simdjson::dom::object child;
            if (depth < m_maxDepth && field.value.get_object().get(child) == simdjson::SUCCESS)
                walk(child, path + QLatin1Char('.'), depth + 1);
        }
    }

    QHash<QString, QStringList> take() { return std::move(m_order); }

private:
    int m_maxDepth;
    QSet<QString> m_seen;
    QHash<QString, QStringList> m_order;
};

} // namespace

QHash<QString, QStringList> JsonKeyOrder::ofRows(const QByteArray &frame, int maxRows, int maxDepth)
{
    if (frame.isEmpty() || maxRows <= 0)
        return {};
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string text(frame.constData(), std::size_t(frame.size()));
    if (parser.parse(text).get(root) != simdjson::SUCCESS)
        return {};
    simdjson::dom::element data;
    if (root.at_key("data").get(data) != simdjson::SUCCESS)
        return {};
    simdjson::dom::array rows;
    if (data.get_array().get(rows) != simdjson::SUCCESS &&
        data.at_key("items").get_array().get(rows) != simdjson::SUCCESS)
        return {};
    KeyWalk walk(maxDepth);
    int seen = 0;
    for (const simdjson::dom::element row : rows) {
        if (seen++ >= maxRows)
            break;
        simdjson::dom::object object;
        if (row.get_object().get(object) == simdjson::SUCCESS)
            walk.walk(object, QString(), 1);
    }
    return walk.take();
}

} // namespace allium
