-- @table complaints
-- @shard cityHash64(commune_code)
-- Complaints and petitions (PAKN): class (quy_dinh rules / hanh_vi officials' behaviour) and category
-- (nhung_nhieu harassment, them_giay_to extra papers, yeu_cau_vneid VNeID demanded, cham_tre, thai_do, khac).
-- Engine: ReplacingMergeTree(updated_at) — a complaint is re-sent when handled or rated.
-- Sorting key: (commune_code, complaint_id). Partition: month of reception (fixed for a complaint).
CREATE TABLE IF NOT EXISTS complaints{{LOCAL}} {{ON_CLUSTER}}
(
    complaint_id  String,
    commune_code  LowCardinality(String),
    dossier_id    Nullable(String),
    class         LowCardinality(String),
    category      LowCardinality(String),
    received_at   DateTime64(3, 'Asia/Ho_Chi_Minh'),
    due_at        DateTime64(3, 'Asia/Ho_Chi_Minh'),
    handled_at    Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    satisfied     Nullable(Bool),
    updated_at    DateTime64(3, 'Asia/Ho_Chi_Minh'),
    synthetic     Bool DEFAULT false,
    loaded_at     DateTime64(3, 'Asia/Ho_Chi_Minh') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(received_at)
ORDER BY (commune_code, complaint_id);
