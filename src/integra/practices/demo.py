def load_demo_practices():
    return None
