// SPDX-License-Identifier: MIT
#include "core/json/jsontreemodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace allium {

namespace {

/// A cell shows at most MaxDisplayChars of a text: laying out a megabyte string on every paint
/// would stall the view (the tooltip and the copy actions still have all of it).
QString elided(const QString &text)
{
    if (text.size() <= JsonTreeModel::MaxDisplayChars)
        return text;
    return text.left(JsonTreeModel::MaxDisplayChars) + QChar(0x2026);
}

} // namespace

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString key;
    QString path;
    QJsonValue value;
    bool truncated = false; ///< the "…" placeholder for nodes over the budget
    std::vector<std::unique_ptr<Node>> children;
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QJsonValue &value)
{
    beginResetModel();
    m_json = value;
    m_root = std::make_unique<Node>();
    int budget = m_maxNodes;
    if (value.isObject() || value.isArray()) {
        build(m_root.get(), value, &budget, 0);
    } else if (!value.isUndefined()) {
        auto node = std::make_unique<Node>();
        node->parent = m_root.get();
        node->value = value;
        m_root->children.push_back(std::move(node));
    }
    endResetModel();
}

bool JsonTreeModel::setJsonText(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = parseError.errorString();
        clear();
        return false;
    }
    setJson(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
    return true;
}

void JsonTreeModel::clear()
{
    setJson(QJsonValue(QJsonValue::Undefined));
}

// Bounded recursion: parsed documents are already limited by QJsonDocument, and values built in
// code stop at MaxDepth (deeper levels are simply not expanded).
void JsonTreeModel::build(Node *node, const QJsonValue &value, int *budget, int depth)
{
    if (depth >= MaxDepth)
        return;
    auto addChild = [node, budget](const QString &key, const QString &path,
                                   const QJsonValue &childValue) -> Node * {
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->row = int(node->children.size());
        if (*budget <= 0) {
            child->truncated = true;
            child->key = QStringLiteral("…");
            node->children.push_back(std::move(child));
            return nullptr;
        }
        --*budget;
        child->key = key;
        child->path = path;
        child->value = childValue;
        Node *raw = child.get();
        node->children.push_back(std::move(child));
        return raw;
    };

    // Array items are path steps like keys ("topics.0"), as Filter field paths name them.
    auto childPath = [node](const QString &step) {
        return node->path.isEmpty() ? step : node->path + QLatin1Char('.') + step;
    };

    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            Node *child = addChild(it.key(), childPath(it.key()), it.value());
            if (!child)
                return;
            build(child, it.value(), budget, depth + 1);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            Node *child =
                addChild(QStringLiteral("[%1]").arg(i), childPath(QString::number(i)), array.at(i));
            if (!child)
                return;
            build(child, array.at(i), budget, depth + 1);
        }
    }
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children.at(size_t(row)).get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeFor(child);
    Node *parentNode = node->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row, 0, parentNode);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (node->truncated) {
        if (role == Qt::DisplayRole && index.column() == KeyColumn)
            return node->key;
        if (role == Qt::ToolTipRole)
            return tr("The message is too large to show every node.");
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return elided(node->key);
        case ValueColumn:
            return elided(displayText(node->value));
        case TypeColumn:
            return typeName(node->value);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && node->value.isString())
            return node->value.toString();
        return node->path;
    case PathRole:
        return node->path;
    case JsonValueRole:
        return QVariant::fromValue(node->value);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

QString JsonTreeModel::displayText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Integers up to 2^53 are exact in a double: show all their digits, not 1.8e+07.
        if (std::floor(number) == number && std::fabs(number) <= 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QStringLiteral("[%1]").arg(value.toArray().size());
    case QJsonValue::Object:
        return QStringLiteral("{%1}").arg(value.toObject().size());
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString JsonTreeModel::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

} // namespace allium
