"""No relationship lazy-loads, so neither a template nor a rule can send SQL by reading one."""

from scheme.models import Base


def test_every_relationship_raises_instead_of_lazy_loading():
    lazy = {f"{mapper.class_.__name__}.{rel.key}": rel.lazy
            for mapper in Base.registry.mappers for rel in mapper.relationships}
    assert lazy
    assert {name: how for name, how in lazy.items() if how != "raise"} == {}
