// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace allium {

/// One JSON document as a tree of key / value / type rows, for the message detail panes.
/// Objects keep their key order as QJsonObject gives it (sorted); arrays show indices as keys.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        /// The dot path of the node, as a filter names it ("payload.coin", "topics.0").
        PathRole = Qt::UserRole + 1,
        /// The node's QJsonValue (objects and arrays included).
        JsonValueRole,
    };

    /// Nodes beyond this many are not shown (a "…" row says so), so a huge message cannot
    /// freeze the view.
    static constexpr int DefaultMaxNodes = 50000;
    /// Levels below this depth are not expanded.
    static constexpr int MaxDepth = 256;
    /// Keys and values longer than this are cut (with "…") for display.
    static constexpr int MaxDisplayChars = 1000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /// Shows `value` (usually an object); a scalar becomes a single row.
    void setJson(const QJsonValue &value);
    /// Parses and shows `json`; returns false (and shows nothing) when it is not valid JSON.
    bool setJsonText(const QByteArray &json, QString *error = nullptr);
    void clear();
    QJsonValue json() const { return m_json; }

    void setMaxNodes(int maxNodes) { m_maxNodes = maxNodes; }
    int maxNodes() const { return m_maxNodes; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Text of a scalar as the value column shows it (numbers without exponent when exact).
    static QString displayText(const QJsonValue &value);
    /// "object", "array", "string", "number", "boolean" or "null".
    static QString typeName(const QJsonValue &value);

private:
    struct Node;
    void build(Node *node, const QJsonValue &value, int *budget, int depth);
    Node *nodeFor(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
    QJsonValue m_json;
    int m_maxNodes = DefaultMaxNodes;
};

} // namespace allium
