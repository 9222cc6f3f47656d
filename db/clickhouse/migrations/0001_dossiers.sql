-- @table dossiers
-- @shard cityHash64(commune_code)
-- One row per version of a dossier (hồ sơ TTHC) as pulled from the TTHC system.
-- Engine: ReplacingMergeTree(updated_at) — the source sends a dossier again every time it changes; the row with
--   the highest `updated_at` (CapNhatLuc) wins, so re-delivering a record or delivering an older version
--   after a newer one changes nothing. Reads that need exact figures use FINAL (or argMax) explicitly.
-- Superseded by 0300–0302 (ADR 016): the key is now dossier_id alone, the unit can change.
-- Sorting key: (commune_code, dossier_id) — every KPI filters or groups by commune first, and the key must
--   contain the dossier id for replacement. commune_code is the receiving unit, which never changes.
-- Partition: none. A dossier's dates change as it moves (received, finished, returned) and replacement only
--   collapses versions inside one partition, so no date is a safe partition key. A province is tens of
--   millions of rows at most; the national scale shards by commune on a cluster instead.
CREATE TABLE IF NOT EXISTS dossiers{{LOCAL}} {{ON_CLUSTER}}
(
    dossier_id        String,
    commune_code      LowCardinality(String),
    source_unit       String                 COMMENT 'MaDonVi as delivered (a pre-merger unit before 2025-07-01)',
    procedure_code    LowCardinality(String),
    procedure_name    String,
    field_code        LowCardinality(String),
    field_name        LowCardinality(String),
    channel           UInt8                  COMMENT '1 in person, 2 online, 3 postal',
    online_level      LowCardinality(String) COMMENT 'toan_trinh | mot_phan | empty',
    status            UInt8                  COMMENT '1..10, docs/design.md §3',
    submitted_at      Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    received_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at            Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    finished_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')) COMMENT 'NgayKetThucXuLy',
    returned_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')) COMMENT 'NgayTra',
    supplement_count  UInt8,
    supplement_hours  Float32,
    fee_vnd           Float64,
    paid_online       UInt8                  COMMENT '0 no, 1 national portal, 2 provincial gateway',
    e_result          Bool,
    digitised         Bool,
    data_reused       Bool,
    population_data   Bool,
    vneid             Bool,
    officer_id        String,
    updated_at        DateTime64(3, 'Asia/Ho_Chi_Minh'),
    synthetic         Bool DEFAULT false,
    loaded_at         DateTime64(3, 'Asia/Ho_Chi_Minh') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (commune_code, dossier_id);
