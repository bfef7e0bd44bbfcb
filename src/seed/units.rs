//! The importer's knowledge of responsible units: the canonical name and id
//! of every unit the plan names, the aliases it merges, and the spellings it
//! flags as suspect. This table seeds `content/units.toml`; after import the
//! registry in `content/` is the source of truth.

/// One known unit: id, canonical name, aliases.
pub(crate) struct KnownUnit {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
}

/// A spelling in the plan that is probably a typo for a known unit.
pub(crate) struct Suspect {
    pub(crate) name: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) note_zh: &'static str,
    pub(crate) note_en: &'static str,
}

macro_rules! units {
    ($( $id:literal => $name:literal $( | $alias:literal )* ;)*) => {
        &[ $( KnownUnit { id: $id, name: $name, aliases: &[ $( $alias ),* ] }, )* ]
    };
}

pub(crate) const KNOWN: &[KnownUnit] = units! {
    "ecology" => "生态环境分局";
    "natural-resources" => "区自然资源局";
    "development-reform" => "区发展改革局";
    "industry-it" => "区工业和信息化局";
    "housing-construction" => "区住房城乡建设局";
    "transport" => "区交通运输局";
    "water" => "区水务局";
    "agriculture" => "区农业农村局";
    "admin-approval" => "区行政审批服务局";
    "finance" => "区财政局";
    "industrial-park" => "兖州区工业园区管委会";
    "commerce" => "区商务局";
    "science-tech" => "区科技局";
    "financial-regulation" => "区地方金融监管局";
    "market-regulation" => "区市场监管局";
    "public-security" => "区公安分局" | "公安分局";
    "law-enforcement" => "区综合行政执法局";
    "state-assets" => "区国资运营服务中心";
    "government-affairs" => "区机关事务服务中心";
    "power-supply" => "国网济宁供电公司兖州供电中心";
    "postal" => "区邮政管理局";
    "animal-husbandry" => "区畜牧兽医事业发展中心" | "区畜牧兽医服务中心";
    "meteorology" => "区气象局";
    "emergency" => "区应急管理局" | "区应急局";
    "statistics" => "区统计局";
    "traffic-police" => "区交警大队";
    "eco-committee" => "区生态环境保护委员会";
    "eco-committee-office" => "区生态环境保护委员会办公室";
    "highway" => "区公路局";
    "health" => "区卫生健康局";
    "yandian-new-town" => "颜店新城建设管理服务中心";
    "xinyan-town" => "新兖镇政府";
    "education-sports" => "区教育和体育局";
    "cyberspace" => "区委网信办";
    "culture-tourism" => "区文化和旅游局";
    "taxation" => "区税务局";
    "supply-marketing" => "区供销社";
    "government-office" => "区政府办公室";
    "publicity" => "区委宣传部";
    "discipline" => "区纪委";
    "audit" => "区审计局";
    "procuratorate" => "区检察院";
    "inspection-office" => "区生态环保督察整改指挥部办公室";
    "big-data" => "区大数据中心";
    "court" => "区法院";
    "organization" => "区委组织部";
    "science-association" => "区科协";
    "human-resources" => "区人社局";
    "womens-federation" => "区妇联";
    "trade-union" => "区工会";
    "youth-league" => "团区委";
    "pboc" => "中国人民银行兖州区支行";
};

pub(crate) const SUSPECT: &[Suspect] = &[Suspect {
    name: "区水务区",
    unit: "water",
    note_zh: "原文如此，疑为“区水务局”之误。",
    note_en: "As printed in the source; probably a typo for the District Water Affairs Bureau.",
}];

/// The id of the unit a name in the plan refers to, and whether the name is
/// a suspect spelling.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, bool)> {
    if let Some(u) = KNOWN
        .iter()
        .find(|u| u.name == name || u.aliases.contains(&name))
    {
        return Some((u.id, false));
    }
    SUSPECT
        .iter()
        .find(|s| s.name == name)
        .map(|s| (s.unit, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_merge() {
        assert_eq!(lookup("公安分局"), lookup("区公安分局"));
        assert_eq!(lookup("区应急局"), Some(("emergency", false)));
        assert_eq!(lookup("区水务区"), Some(("water", true)));
        assert_eq!(lookup("不存在的单位"), None);
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = KNOWN.iter().map(|u| u.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), KNOWN.len());
    }
}
